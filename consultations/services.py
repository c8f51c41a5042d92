"""Every write on the consultation desk: one function per use case, one transaction each.

Each function checks access first (portal.access), locks the consultation row it changes, writes a
history entry, and enqueues its notifications inside the same transaction, so that they commit or
roll back with the data. Search indexing can hook in at these same places.
"""

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations import counts, files, sla
from consultations.models import (
    TRANSITIONS,
    Consultation,
    Event,
    Message,
    MessageRevision,
    NotificationKind,
    Rating,
    ReferenceCounter,
    Status,
    Visit,
    fiscal_year_of,
)
from consultations.notifications import notify
from portal import access
from portal.models import Municipality, User
from portal.sanitize import rich_text
from portal.uploads import CheckedUpload, ensure_checked
from portal.uploads.storage import removed_unless_committed
from portal.validators import SUBJECT
from search import indexing


class ConsultationError(ValidationError):
    """A rule of the desk said no; the message is for the user."""


class StaleConsultation(ConsultationError):
    def __init__(self):
        super().__init__(
            gettext_lazy(
                "この相談は、あなたが画面を開いた後にほかの人が更新しました。最新の内容を確認してから、もう一度操作してください。"
            )
        )


class TransitionNotAllowed(ConsultationError):
    pass


def _locked(consultation_id: int) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation_id)


def _check_version(consultation: Consultation, expected_version: int | None) -> None:
    if expected_version is not None and consultation.version != expected_version:
        raise StaleConsultation()


def bump_version(consultation: Consultation, *fields: str) -> None:
    """Save the changed fields with a new version, so a page opened before the change is refused."""
    consultation.version += 1
    moved = ["next_due"] if counts.due_moved(consultation) else []
    consultation.save(update_fields=["version", "updated_at", *fields, *moved])


def _notify(kind: str, consultation: Consultation | None, actor: User | None, key: str, **extra) -> None:
    notify.enqueue(
        kind=kind,
        consultation_id=consultation.pk if consultation else None,
        actor_id=actor.pk if actor else None,
        key=key,
        **extra,
    )


def _next_number(fiscal_year: int) -> int:
    """The next number of the fiscal year: an upsert that holds the counter's row lock until commit,
    so concurrent filings queue up, and a rolled-back filing gives its number back (no gaps)."""
    table = ReferenceCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (fiscal_year, last_number) VALUES (%s, 1) "  # noqa: S608 -- table name is ours
            f"ON CONFLICT (fiscal_year) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [fiscal_year],
        )
        return cursor.fetchone()[0]


def consultation_file(
    *,
    actor: User,
    title: str,
    body: str,
    category: str,
    priority: str,
    system_areas=(),
    desired_answer_on: datetime.date | None = None,
    joint_municipalities=(),
    uploads: Sequence[CheckedUpload] = (),
) -> Consultation:
    """Staff file a consultation for their municipality (and any joint-procurement partners)."""
    access.require(actor, "consultation.file")
    try:
        title = SUBJECT.clean(title)
    except ValidationError as error:
        raise ConsultationError(error.messages[0], code=error.code) from None
    checked = ensure_checked(uploads)
    with removed_unless_committed(), transaction.atomic():
        now = timezone.now()
        today = timezone.localdate(now)
        fiscal_year = fiscal_year_of(today)
        number = _next_number(fiscal_year)
        consultation = Consultation(
            reference=f"C-{fiscal_year}-{number:05d}",
            fiscal_year=fiscal_year,
            number=number,
            title=title,
            body=rich_text(body),
            category=category,
            priority=priority,
            desired_answer_on=desired_answer_on,
            requester=actor,
            filing_municipality=access.municipality_of(actor),
            created_at=now,
        )
        sla.refresh_due_dates(consultation, filed_on=today)
        consultation.next_due = sla.next_due(consultation)
        consultation.save()
        own = consultation.filing_municipality
        consultation.municipalities.set({own.pk, *(m.pk for m in joint_municipalities)})
        consultation.system_areas.set(system_areas)
        counts.filed(consultation)
        Event.objects.create(
            consultation=consultation, kind=Event.Kind.FILED, actor=actor, to_status=Status.NEW, at=now
        )
        for upload in checked:
            files.store(upload, consultation=consultation, message=None, internal=False, actor=actor)
        _notify(NotificationKind.NEW_CONSULTATION, consultation, actor, key=f"new:{consultation.pk}")
    return consultation


def _apply_status(consultation: Consultation, to: str, *, actor: User | None, note: str) -> Event:
    """Move the locked consultation to `to`, keeping the SLA clock and timestamps right."""
    from_status = consultation.status
    if to not in TRANSITIONS[from_status]:
        raise TransitionNotAllowed(
            _("「%(from)s」から「%(to)s」には変更できません。")
            % {"from": Status(from_status).label, "to": Status(to).label}
        )
    now = timezone.now()
    today = timezone.localdate(now)
    filed_on = timezone.localdate(consultation.created_at)
    if to == Status.WAITING:
        sla.pause(consultation, today=today)
    elif from_status == Status.WAITING:
        sla.resume(consultation, today=today, filed_on=filed_on)
    # Time in 解決 is not the advisors' delay either: the clock stops on resolution and runs again,
    # moved by the days spent resolved, when the municipality reopens the consultation.
    if to == Status.RESOLVED:
        sla.pause(consultation, today=today)
    elif from_status == Status.RESOLVED and to == Status.IN_PROGRESS:
        sla.resume(consultation, today=today, filed_on=filed_on)
    if to == Status.RESOLVED:
        consultation.resolved_at = now
    elif from_status == Status.RESOLVED and to == Status.IN_PROGRESS:
        consultation.resolved_at = None
    if to in (Status.CLOSED, Status.WITHDRAWN):
        consultation.closed_at = now
    consultation.status = to
    bump_version(
        consultation,
        "status",
        "waiting_since",
        "paused_business_days",
        "resolution_due",
        "resolved_at",
        "closed_at",
    )
    # After the due date's count (in bump_version): kept counts are locked in one order, as filing does.
    counts.status_changed(consultation, from_status, to)
    return Event.objects.create(
        consultation=consultation,
        kind=Event.Kind.STATUS,
        actor=actor,
        from_status=from_status,
        to_status=to,
        note=note.strip(),
        at=now,
    )


def consultation_transition(
    *, consultation_id: int, actor: User, to: str, note: str = "", expected_version: int | None = None
) -> Consultation:
    """Move a consultation to `to`, or raise PermissionDenied / StaleConsultation / TransitionNotAllowed."""
    with transaction.atomic():
        consultation = _locked(consultation_id)
        access.require(actor, "consultation.view", consultation)
        # A stale form hears about the conflict, not about a rule that only the new status breaks.
        _check_version(consultation, expected_version)
        access.require(actor, "consultation.transition", consultation, to=to)
        if to == Status.CLOSED and closing_needs_reason(consultation, actor) and not note.strip():
            raise TransitionNotAllowed(_("解決前に完了にするときは、理由を書いてください。"))
        event = _apply_status(consultation, to, actor=actor, note=note)
        _notify(NotificationKind.STATUS, consultation, actor, key=f"status:{event.pk}", event_id=event.pk)
    return consultation


def closing_needs_reason(consultation: Consultation, actor: User) -> bool:
    """An advisor who closes a consultation that was never resolved says why (the history keeps it)."""
    return consultation.status != Status.RESOLVED and access.is_advisor_like(actor)


def consultation_auto_close(*, today: datetime.date | None = None) -> list[str]:
    """Close consultations resolved more than CONSULTATION_AUTO_CLOSE_DAYS ago (the daily task)."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(
        datetime.datetime.combine(
            today - datetime.timedelta(days=settings.CONSULTATION_AUTO_CLOSE_DAYS), datetime.time()
        )
    )
    closed = []
    for pk in Consultation.objects.filter(status=Status.RESOLVED, resolved_at__lt=cutoff).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            consultation = _locked(pk)
            if consultation.status != Status.RESOLVED:
                continue
            event = _apply_status(
                consultation,
                Status.CLOSED,
                actor=None,
                note=_("解決から一定期間が過ぎたため自動で完了しました。"),
            )
            _notify(NotificationKind.STATUS, consultation, None, key=f"status:{event.pk}", event_id=event.pk)
            closed.append(consultation.reference)
    return closed


def consultation_assign(
    *, consultation_id: int, actor: User, assignee: User, expected_version: int | None = None
) -> Consultation:
    """Give a consultation to an advisor (or take it); a new one goes to 対応中."""
    with transaction.atomic():
        consultation = _locked(consultation_id)
        access.require(actor, "consultation.assign", consultation)
        _check_version(consultation, expected_version)
        if not access.is_advisor_like(assignee):
            raise ConsultationError(_("担当にできるのはCIO補佐官だけです。"))
        if consultation.is_finished:
            raise ConsultationError(_("完了・取下げの相談は担当を変更できません。"))
        previous = consultation.assignee
        consultation.assignee = assignee
        bump_version(consultation, "assignee")
        consultation.followers.add(assignee)
        Event.objects.create(
            consultation=consultation,
            kind=Event.Kind.ASSIGNED,
            actor=actor,
            note=_("%(before)s → %(after)s") % {"before": previous or "—", "after": assignee},
        )
        if consultation.status == Status.NEW:
            _apply_status(consultation, Status.IN_PROGRESS, actor=actor, note="")
        if assignee.pk != actor.pk:
            _notify(
                NotificationKind.ASSIGNED,
                consultation,
                actor,
                key=f"assigned:{consultation.pk}:{consultation.version}",
                recipient_ids=[assignee.pk],
            )
    return consultation


def consultation_bulk_assign(*, consultation_ids, actor: User, assignee: User) -> list[Consultation]:
    """Assign several consultations at once (all or none)."""
    ids = sorted(set(consultation_ids))
    with transaction.atomic():
        # Lock them all before touching any kept count, in the order a transition takes them (its
        # consultation, then the counts): counts held while waiting for the next one could deadlock.
        list(Consultation.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
        return [consultation_assign(consultation_id=pk, actor=actor, assignee=assignee) for pk in ids]


def consultation_follow(*, consultation_id: int, actor: User, follow: bool = True) -> Consultation:
    with transaction.atomic():
        consultation = _locked(consultation_id)
        access.require(actor, "consultation.follow", consultation)
        if follow:
            consultation.followers.add(actor)
        else:
            consultation.followers.remove(actor)
    return consultation


def message_post(
    *,
    consultation_id: int,
    actor: User,
    body: str,
    internal: bool = False,
    uploads: Sequence[CheckedUpload] = (),
) -> Message:
    """A public reply (both sides) or an internal note (advisors only), with attachments."""
    checked = ensure_checked(uploads)
    with removed_unless_committed(), transaction.atomic():
        consultation = _locked(consultation_id)
        access.require(actor, "consultation.note" if internal else "consultation.reply", consultation)
        if not body.strip():
            raise ConsultationError(_("本文を入力してください。"))
        message = Message.objects.create(
            consultation=consultation, author=actor, internal=internal, body=rich_text(body)
        )
        for upload in checked:
            files.store(upload, consultation=consultation, message=message, internal=internal, actor=actor)
        if checked and not internal:
            # The consultation's document holds the text of its shared attachments.
            indexing.changed(consultation)
        advisor = access.is_advisor_like(actor)
        fields = []
        if not internal and advisor and consultation.first_response_at is None:
            consultation.first_response_at = message.created_at
            fields.append("first_response_at")
        if not internal and not advisor and consultation.status == Status.WAITING:
            # The municipality answered: the ball is back with the advisors and the clock runs again.
            _apply_status(consultation, Status.IN_PROGRESS, actor=actor, note="")
        if fields:
            bump_version(consultation, *fields)
        if not internal:
            # A reply is in the consultation's document, whether or not the consultation itself is saved.
            indexing.changed(consultation)
        _notify(
            NotificationKind.NOTE if internal else NotificationKind.REPLY,
            consultation,
            actor,
            key=f"message:{message.pk}",
        )
    return message


def message_edit(*, message_id: int, actor: User, body: str) -> Message:
    """Edit one's own reply or note; the previous text is kept as a revision."""
    with transaction.atomic():
        message = Message.objects.select_for_update().select_related("consultation").get(pk=message_id)
        access.require(actor, "message.edit", message)
        if message.consultation.is_finished:
            raise ConsultationError(_("完了・取下げの相談の書き込みは編集できません。"))
        cleaned = rich_text(body)
        if not body.strip():
            raise ConsultationError(_("本文を入力してください。"))
        if cleaned == message.body:
            return message
        MessageRevision.objects.create(message=message, body=message.body, replaced_by=actor)
        message.body = cleaned
        message.edited_at = timezone.now()
        message.save(update_fields=["body", "edited_at"])
        if not message.internal:
            Event.objects.create(consultation=message.consultation, kind=Event.Kind.REPLY_EDITED, actor=actor)
            indexing.changed(message.consultation)
    return message


def consultation_rate(
    *, consultation_id: int, actor: User, score: int, solved: str, went_ahead: str, comment: str = ""
) -> Rating:
    with transaction.atomic():
        consultation = _locked(consultation_id)
        access.require(actor, "consultation.rate", consultation)
        if not 1 <= int(score) <= 5:
            raise ConsultationError(_("満足度は1から5で選んでください。"))
        before = Rating.objects.filter(consultation=consultation).values_list("score", "solved", "went_ahead")
        counts.rated(before.first(), (int(score), solved, went_ahead))
        rating, _created = Rating.objects.update_or_create(
            consultation=consultation,
            defaults={
                "score": int(score),
                "solved": solved,
                "went_ahead": went_ahead,
                "comment": comment.strip(),
                "rated_by": actor,
                "rated_at": timezone.now(),
            },
        )
    return rating


def visit_request(
    *, actor: User, municipality: Municipality, preferred_dates: str, consultation_id: int | None = None
) -> Visit:
    """Staff ask for an on-site visit (optionally about a consultation); advisors may plan one too."""
    with transaction.atomic():
        consultation = None
        if consultation_id is not None:
            consultation = _locked(consultation_id)
            access.require(actor, "consultation.view", consultation)
        access.require(actor, "visit.request", municipality)
        return Visit.objects.create(
            consultation=consultation,
            municipality=municipality,
            requested_by=actor,
            preferred_dates=preferred_dates.strip(),
        )


def visit_schedule(
    *,
    visit_id: int,
    actor: User,
    scheduled_on: datetime.date,
    scheduled_time: datetime.time | None,
    place: str,
    attendees: str,
) -> Visit:
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit_id)
        access.require(actor, "visit.schedule", visit)
        visit.scheduled_on = scheduled_on
        visit.scheduled_time = scheduled_time
        visit.place = place.strip()
        visit.attendees = attendees.strip()
        visit.state = Visit.State.SCHEDULED
        visit.save()
        _notify(
            NotificationKind.VISIT,
            visit.consultation,
            actor,
            key=f"visit:{visit.pk}:{scheduled_on.isoformat()}",
            visit_id=visit.pk,
        )
    return visit


def visit_record(*, visit_id: int, actor: User, minutes_public: str, minutes_internal: str) -> Visit:
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit_id)
        access.require(actor, "visit.schedule", visit)
        visit.minutes_public = minutes_public.strip()
        visit.minutes_internal = minutes_internal.strip()
        visit.state = Visit.State.DONE
        visit.save(update_fields=["minutes_public", "minutes_internal", "state"])
    return visit
