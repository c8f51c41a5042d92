"""The events' access rules and the querysets that mirror them, side by side.

Events are the community's: every active member (staff, advisors, officials, admins) sees published and
cancelled events; drafts are the advisors'. Advisors run events (create, edit, publish, cancel, record
attendance, upload materials, name outcomes). Staff register themselves or an active colleague of their
own municipality, and only for an event whose audience includes their municipality. A registration is
seen by its person, their municipality's staff and the advisors. A visit request to a case study's
municipality is seen by both municipalities' staff and the advisors; the host's staff decide it.
Consultants, pending and ended members see none of this. Registered in EventsConfig.ready().
"""

from django.db.models import Q, QuerySet

from events.models import Event, EventState, Registration, RegistrationState, VisitRequest, VisitState
from portal.access import is_advisor_like, is_community_member, municipality_of, role_of
from portal.models import Role


def _member(user, obj=None, **context) -> bool:
    return is_community_member(user)


def _advisor(user, obj=None, **context) -> bool:
    return is_advisor_like(user)


def _view_event(user, event, **context) -> bool:
    if event is None or not is_community_member(user):
        return False
    return event.state != EventState.DRAFT or is_advisor_like(user)


def _manage_event(user, event, **context) -> bool:
    return is_advisor_like(user) and event is not None


def _publish_event(user, event, **context) -> bool:
    return _manage_event(user, event) and event.state == EventState.DRAFT


def _cancel_event(user, event, **context) -> bool:
    return _manage_event(user, event) and event.state != EventState.CANCELLED and not event.is_past


def _register(user, event, **context) -> bool:
    """Staff, for a published event of their municipality's audience (the deadline is the service's)."""
    own = municipality_of(user)
    return own is not None and event is not None and event.is_published and event.is_for(own)


def _view_registration(user, registration, **context) -> bool:
    if registration is None or not is_community_member(user):
        return False
    own = municipality_of(user)
    return (
        registration.person_id == user.pk
        or is_advisor_like(user)
        or (own is not None and registration.municipality_id == own.pk)
    )


def _cancel_registration(user, registration, **context) -> bool:
    if registration is None or not registration.is_active or registration.event.is_past:
        return False
    own = municipality_of(user)
    return registration.person_id == user.pk or (own is not None and registration.municipality_id == own.pk)


def _submit_follow_up(user, registration, **context) -> bool:
    return (
        registration is not None
        and registration.person_id == user.pk
        and registration.attended is True
        and is_community_member(user)
    )


def _view_follow_up_summary(user, event, **context) -> bool:
    # Answers are listed without names: the community learns what attendees took away.
    return _view_event(user, event) and event.is_past


def _download_material(user, material, **context) -> bool:
    return material is not None and _view_event(user, material.event)


def _request_visit(user, case, **context) -> bool:
    """Staff, to a published case study with a municipality other than their own."""
    own = municipality_of(user)
    if own is None or case is None:
        return False
    return any(m.pk != own.pk for m in case.municipalities)


def _view_visit(user, visit, **context) -> bool:
    if visit is None or not is_community_member(user):
        return False
    own = municipality_of(user)
    return is_advisor_like(user) or (
        own is not None and own.pk in (visit.host_id, visit.requesting_municipality_id)
    )


def _decide_visit(user, visit, **context) -> bool:
    own = municipality_of(user)
    return (
        visit is not None
        and own is not None
        and visit.host_id == own.pk
        and visit.state == VisitState.REQUESTED
    )


def _join_visit(user, visit, **context) -> bool:
    return is_advisor_like(user) and visit is not None and visit.state != VisitState.DECLINED


def _list_visits(user, obj=None, **context) -> bool:
    return is_advisor_like(user) or role_of(user) == Role.STAFF


RULES = {
    "event.list": _member,
    "event.view": _view_event,
    "event.create": _advisor,
    "event.edit": _manage_event,
    "event.publish": _publish_event,
    "event.cancel": _cancel_event,
    "event.record_attendance": _manage_event,
    "event.upload_material": _manage_event,
    "event.add_outcome": _manage_event,
    "event.register": _register,
    "registration.view": _view_registration,
    "registration.cancel": _cancel_registration,
    "follow_up.submit": _submit_follow_up,
    "follow_up.summary": _view_follow_up_summary,
    "material.download": _download_material,
    "site_visit.list": _list_visits,
    "site_visit.request": _request_visit,
    "site_visit.view": _view_visit,
    "site_visit.decide": _decide_visit,
    "site_visit.join": _join_visit,
}


def events_for(user) -> QuerySet[Event]:
    """Events the user may open: published and cancelled ones for members, drafts too for advisors."""
    if not is_community_member(user):
        return Event.objects.none()
    if is_advisor_like(user):
        return Event.objects.all()
    return Event.objects.exclude(state=EventState.DRAFT)


def registrations_for(user) -> QuerySet[Registration]:
    """Registrations the user may see: their own, their municipality's, every one for advisors."""
    if not is_community_member(user):
        return Registration.objects.none()
    queryset = Registration.objects.filter(event__in=events_for(user)).select_related(
        "event", "person", "municipality"
    )
    if is_advisor_like(user):
        return queryset
    own = municipality_of(user)
    return queryset.filter(Q(person=user) | Q(municipality=own) if own else Q(person=user))


def confirmed_registrations_of(user) -> QuerySet[Registration]:
    """A person's own confirmed registrations to events that go ahead (their calendar)."""
    return registrations_for(user).filter(
        person=user, state=RegistrationState.CONFIRMED, event__state=EventState.PUBLISHED
    )


def visits_for(user) -> QuerySet[VisitRequest]:
    if not is_community_member(user):
        return VisitRequest.objects.none()
    queryset = VisitRequest.objects.select_related("host", "requesting_municipality", "requester")
    if is_advisor_like(user):
        return queryset
    own = municipality_of(user)
    if own is None:
        return queryset.none()
    return queryset.filter(Q(host=own) | Q(requesting_municipality=own))


def opens_event(user, *, pk: int) -> bool:
    """For portal.links: whether an event's page opens for ``user``."""
    return events_for(user).filter(pk=pk).exists()
