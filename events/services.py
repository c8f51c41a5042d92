"""The events' writes: each checks access first, runs in one transaction and raises EventError with a
Japanese message the page shows. Notices are enqueued in the same transaction (events.notifications)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events import notifications, policy
from events.models import (
    ACTIVE_STATES,
    Event,
    EventOutcome,
    EventState,
    FollowUp,
    Material,
    Registration,
    RegistrationState,
    VisitRequest,
    VisitState,
)
from portal import access, links, material
from portal.models import Membership, Role, User
from portal.uploads import CheckedUpload, ensure_checked, storage

AREA = "events"


class EventError(Exception):
    """A refused action, with the message the user reads."""


def _event_for_update(actor, event_id) -> Event:
    event = policy.events_for(actor).select_for_update(of=("self",)).filter(pk=event_id).first()
    if event is None:
        raise EventError(_("イベントが見つかりません。"))
    return event


def _notify(kind: str, key: str, people, title: str, url: str) -> None:
    user_ids = sorted({person.pk for person in people})
    if user_ids:
        notifications.notify.enqueue(kind=kind, key=key, user_ids=user_ids, title=title, url=url)


def _event_url(event: Event) -> str:
    return reverse("events:detail", args=[event.pk])


# --- Events -----------------------------------------------------------------------------------------


EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "capacity",
    "audience",
    "district",
    "registration_deadline",
)


def _check_times(fields: dict) -> None:
    if fields["ends_at"] <= fields["starts_at"]:
        raise EventError(_("終了日時は開始日時より後にしてください。"))
    if fields["registration_deadline"] > fields["starts_at"]:
        raise EventError(_("申込締切は開始日時より前にしてください。"))


@transaction.atomic
def event_save(*, actor: User, event_id: int | None = None, invited_municipalities=(), **fields) -> Event:
    """Create an event (a draft) or edit one; `fields` are EVENT_FIELDS."""
    _check_times(fields)
    if event_id is None:
        access.require(actor, "event.create")
        event = Event(organiser=actor)
    else:
        event = _event_for_update(actor, event_id)
        access.require(actor, "event.edit", event)
    for name in EVENT_FIELDS:
        setattr(event, name, fields.get(name, getattr(event, name)))
    event.save()
    event.invited_municipalities.set(invited_municipalities)
    return event


def _event_set_state(actor: User, event_id: int, state: str, action: str) -> tuple[Event, bool]:
    """Move the event to `state` (once: a second press changes nothing); whether it moved."""
    event = _event_for_update(actor, event_id)
    if event.state == state:
        return event, False
    access.require(actor, action, event)
    event.state = state
    event.save(update_fields=["state"])
    return event, True


@transaction.atomic
def event_publish(*, actor: User, event_id: int) -> Event:
    return _event_set_state(actor, event_id, EventState.PUBLISHED, "event.publish")[0]


@transaction.atomic
def event_cancel(*, actor: User, event_id: int) -> Event:
    """Cancel an event; everyone still registered (confirmed or waiting) is told."""
    event, cancelled = _event_set_state(actor, event_id, EventState.CANCELLED, "event.cancel")
    if not cancelled:
        return event
    registered = [
        r.person for r in event.registrations.filter(state__in=ACTIVE_STATES).select_related("person")
    ]
    _notify(
        notifications.CANCELLED, f"events-cancelled:{event.pk}", registered, event.title, _event_url(event)
    )
    return event


# --- Registrations ----------------------------------------------------------------------------------


def confirmed_count(event: Event) -> int:
    return event.registrations.filter(state=RegistrationState.CONFIRMED).count()


def seats_left(event: Event) -> int | None:
    """Seats still free; None when the event has no capacity."""
    if event.capacity is None:
        return None
    return max(event.capacity - confirmed_count(event), 0)


def waiting_position(registration: Registration) -> int | None:
    """1 for the first on the waiting list; None for a registration that is not waiting."""
    if registration.state != RegistrationState.WAITING:
        return None
    ahead = registration.event.registrations.filter(state=RegistrationState.WAITING).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def staff_of(municipality):
    """The active staff of a municipality now (someone who moved belongs to their new one)."""
    people = User.objects.filter(
        is_active=True,
        memberships__role=Role.STAFF,
        memberships__state=Membership.State.ACTIVE,
        memberships__municipality=municipality,
    ).distinct()
    return people.filter(pk__in=[p.pk for p in people if access.same_municipality(p, municipality)]).order_by(
        "last_name", "first_name", "pk"
    )


def colleagues_of(actor: User):
    """The active staff of the actor's municipality, the actor included (whom they may register)."""
    own = access.municipality_of(actor)
    return staff_of(own) if own is not None else User.objects.none()


def registration_create(*, actor: User, event_id: int, person_id: int) -> Registration:
    """Register the actor or an active colleague of their municipality: confirmed while seats are left,
    otherwise on the waiting list. The event's row is locked, so concurrent registrations never take
    more seats than there are."""
    with transaction.atomic():
        event = _event_for_update(actor, event_id)
        own = access.municipality_of(actor)
        if own is None:
            raise EventError(_("申し込めるのは市町村の職員です。"))
        if not event.is_published:
            raise EventError(_("このイベントは申込みを受け付けていません。"))
        if not event.is_for(own):
            raise EventError(_("このイベントはあなたの団体が対象ではありません。"))
        if timezone.now() > event.registration_deadline:
            raise EventError(_("申込締切を過ぎています。"))
        person = User.objects.filter(pk=person_id, is_active=True).first()
        person_municipality = access.municipality_of(person) if person else None
        if person_municipality is None or person_municipality.pk != own.pk:
            raise EventError(_("申し込めるのは自分か、同じ団体の職員だけです。"))
        if event.registrations.filter(person=person, state__in=ACTIVE_STATES).exists():
            raise EventError(_("%(name)sさんは既に申し込んでいます。") % {"name": person.get_full_name()})
        full = event.capacity is not None and confirmed_count(event) >= event.capacity
        return Registration.objects.create(
            event=event,
            person=person,
            municipality=own,
            registered_by=actor,
            state=RegistrationState.WAITING if full else RegistrationState.CONFIRMED,
        )


def _promote_waiting(event: Event) -> None:
    """Fill freed seats from the waiting list, first come first; each promoted person is told."""
    while event.capacity is None or confirmed_count(event) < event.capacity:
        first = (
            event.registrations.filter(state=RegistrationState.WAITING).order_by("created_at", "pk").first()
        )
        if first is None:
            return
        first.state = RegistrationState.CONFIRMED
        first.save(update_fields=["state"])
        _notify(
            notifications.PROMOTED,
            f"events-promoted:{first.pk}",
            [first.person],
            event.title,
            _event_url(event),
        )


def registration_cancel(*, actor: User, registration_id: int) -> Registration:
    """Cancel a registration (the person or a colleague of their municipality); a freed seat goes to the
    first on the waiting list. Cancelling twice changes nothing."""
    with transaction.atomic():
        registration = policy.registrations_for(actor).filter(pk=registration_id).first()
        if registration is None:
            raise EventError(_("申込みが見つかりません。"))
        event = _event_for_update(actor, registration.event_id)
        registration.refresh_from_db()
        if registration.state == RegistrationState.CANCELLED:
            return registration
        access.require(actor, "registration.cancel", registration)
        registration.state = RegistrationState.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["state", "cancelled_at"])
        if event.is_published:
            _promote_waiting(event)
        return registration


@transaction.atomic
def attendance_record(*, actor: User, event_id: int, attended_ids) -> int:
    """Record who came among the confirmed: the ticked ones attended, the rest did not."""
    event = _event_for_update(actor, event_id)
    access.require(actor, "event.record_attendance", event)
    if event.starts_at > timezone.now():
        raise EventError(_("出欠はイベントの開始後に記録できます。"))
    confirmed = event.registrations.filter(state=RegistrationState.CONFIRMED)
    came = {int(pk) for pk in attended_ids}
    confirmed.filter(pk__in=came).update(attended=True)
    confirmed.exclude(pk__in=came).update(attended=False)
    return len(came & set(confirmed.values_list("pk", flat=True)))


def follow_up_submit(
    *, actor: User, registration_id: int, satisfaction: int, next_action: str = "", topics_wanted: str = ""
) -> FollowUp:
    """An attendee's follow-up, once."""
    with transaction.atomic():
        registration = (
            policy.registrations_for(actor).select_for_update(of=("self",)).filter(pk=registration_id).first()
        )
        if registration is None:
            raise EventError(_("申込みが見つかりません。"))
        access.require(actor, "follow_up.submit", registration)
        if FollowUp.objects.filter(registration=registration).exists():
            raise EventError(_("参加後アンケートは回答済みです。回答は1回だけです。"))
        if satisfaction not in range(1, 6):
            raise EventError(_("満足度は1から5で選んでください。"))
        return FollowUp.objects.create(
            registration=registration,
            satisfaction=satisfaction,
            next_action=next_action.strip(),
            topics_wanted=topics_wanted.strip(),
        )


def follow_up_summary(event: Event) -> dict:
    """Mean satisfaction, how many gave each score, and the texts (without names)."""
    answers = list(FollowUp.objects.filter(registration__event=event).order_by("submitted_at", "pk"))
    count = len(answers)
    return {
        "count": count,
        "mean": round(sum(a.satisfaction for a in answers) / count, 1) if count else None,
        "distribution": [(n, sum(1 for a in answers if a.satisfaction == n)) for n in range(5, 0, -1)],
        "next_actions": [a.next_action for a in answers if a.next_action],
        "topics": [a.topics_wanted for a in answers if a.topics_wanted],
    }


# --- Materials and outcomes -------------------------------------------------------------------------


def material_upload(*, actor: User, event_id: int, title: str, upload: CheckedUpload) -> Material:
    ensure_checked([upload])
    with storage.removed_unless_committed(), transaction.atomic():
        event = _event_for_update(actor, event_id)
        access.require(actor, "event.upload_material", event)
        return Material.objects.create(
            event=event,
            title=title.strip() or upload.name,
            name=upload.name,
            stored_name=storage.save(upload, area=AREA),
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=actor,
        )


def material_storage():
    return storage.private_storage(AREA)


@transaction.atomic
def outcome_add(*, actor: User, event_id: int, kind: str, title: str, url: str) -> EventOutcome:
    """Link a past event to a know-how post or consultation it led to, by the page's address (kept as
    its path on this site)."""
    event = _event_for_update(actor, event_id)
    access.require(actor, "event.add_outcome", event)
    try:
        path = links.site_path(url, actor=actor)
    except ValidationError as error:
        raise EventError(error.messages[0]) from error
    return EventOutcome.objects.create(event=event, kind=kind, title=title.strip(), url=path)


@transaction.atomic
def outcome_remove(*, actor: User, outcome_id: int) -> None:
    """Take back an outcome named by mistake."""
    outcome = EventOutcome.objects.filter(pk=outcome_id).first()
    if outcome is None:
        raise EventError(_("つながった取組が見つかりません。"))
    access.require(actor, "event.add_outcome", _event_for_update(actor, outcome.event_id))
    outcome.delete()


# --- Site visits ------------------------------------------------------------------------------------


def visit_request_create(
    *, actor: User, case_page_id: int, requested_dates: str, purpose: str, people: int
) -> VisitRequest:
    """Ask a case study's (first other) municipality for a visit; its staff and the advisors are told."""
    case = material.get("case_study", case_page_id)
    if case is None:
        raise EventError(_("事例が見つかりません。"))
    access.require(actor, "site_visit.request", case)
    own = access.municipality_of(actor)
    host = next(m for m in case.municipalities if m.pk != own.pk)
    if people < 1:
        raise EventError(_("人数は1人以上にしてください。"))
    with transaction.atomic():
        visit = VisitRequest.objects.create(
            case_page_id=case.pk,
            case_title=case.title,
            host=host,
            requester=actor,
            requesting_municipality=own,
            requested_dates=requested_dates.strip(),
            purpose=purpose.strip(),
            people=people,
        )
        told = [*staff_of(host), *advisors()]
        _notify(
            notifications.VISIT_REQUESTED,
            f"events-visit:{visit.pk}",
            told,
            visit.case_title,
            _visit_url(visit),
        )
        return visit


def _visit_url(visit: VisitRequest) -> str:
    return reverse("events:visit", args=[visit.pk])


def advisors() -> list[User]:
    people = User.objects.filter(
        is_active=True, memberships__role=Role.ADVISOR, memberships__state=Membership.State.ACTIVE
    ).distinct()
    return [p for p in people if access.is_advisor_like(p)]


def _decide(actor: User, visit_id: int, state: str, **fields) -> VisitRequest:
    with transaction.atomic():
        visit = policy.visits_for(actor).select_for_update(of=("self",)).filter(pk=visit_id).first()
        if visit is None:
            raise EventError(_("視察の申込みが見つかりません。"))
        if visit.state != VisitState.REQUESTED:
            raise EventError(_("この申込みには既に回答しています。"))
        access.require(actor, "site_visit.decide", visit)
        visit.state = state
        visit.decided_by = actor
        for name, value in fields.items():
            setattr(visit, name, value)
        visit.save()
        told = [*staff_of(visit.requesting_municipality), *visit.joined.all()]
        _notify(
            notifications.VISIT_DECIDED,
            f"events-visit-decided:{visit.pk}",
            told,
            visit.case_title,
            _visit_url(visit),
        )
        return visit


def visit_accept(*, actor: User, visit_id: int, proposed_dates: str) -> VisitRequest:
    if not proposed_dates.strip():
        raise EventError(_("受け入れる日程の候補を入力してください。"))
    return _decide(actor, visit_id, VisitState.ACCEPTED, proposed_dates=proposed_dates.strip())


def visit_decline(*, actor: User, visit_id: int, reason: str) -> VisitRequest:
    if not reason.strip():
        raise EventError(_("辞退の理由を入力してください。"))
    return _decide(actor, visit_id, VisitState.DECLINED, decline_reason=reason.strip())


@transaction.atomic
def visit_join(*, actor: User, visit_id: int) -> VisitRequest:
    """An advisor joins a visit (joining twice changes nothing)."""
    visit = policy.visits_for(actor).filter(pk=visit_id).first()
    if visit is None:
        raise EventError(_("視察の申込みが見つかりません。"))
    access.require(actor, "site_visit.join", visit)
    visit.joined.add(actor)
    return visit
