"""The desk's access rules and the querysets that mirror them, side by side.

A consultation is private to the staff of its owning municipalities and to advisors and admins.
Officials see aggregate counts only, never a consultation. The rules are registered with
portal.access in ConsultationsConfig.ready(); everything still asks portal.access.can/require.
"""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from consultations.models import (
    TRANSITIONS,
    Consultation,
    Export,
    Status,
    Visit,
)
from portal.access import is_advisor_like, municipality_of, role_of, same_municipality
from portal.models import Role


def _staff_may_choose(source: str, target: str) -> bool:
    """Which moves of the workflow the filing municipality's staff may choose: withdrawing and
    resolving whenever the workflow allows; confirming (完了) or reopening a resolved consultation;
    answering the advisor's question (回答待ち → 対応中). Starting work and asking are the advisors'."""
    if target in {Status.WITHDRAWN, Status.RESOLVED}:
        return True
    return source == Status.RESOLVED or (source == Status.WAITING and target == Status.IN_PROGRESS)


# Advisors may choose any move of the workflow but 取下げ (withdrawing is the municipality's decision).
# Joint-procurement partners read and reply; the course of the consultation is the filer's to decide.
STAFF_TRANSITIONS: dict[str, frozenset[str]] = {
    source: frozenset(target for target in targets if _staff_may_choose(source, target))
    for source, targets in TRANSITIONS.items()
}


def _owns(user, consultation) -> bool:
    own = municipality_of(user)
    if own is None or consultation is None:
        return False
    # .all() so that a prefetched list answers without a query.
    return any(m.pk == own.pk for m in consultation.municipalities.all())


def _filed(user, consultation) -> bool:
    """Staff of the municipality that filed the consultation (not its joint-procurement partners)."""
    own = municipality_of(user)
    return own is not None and consultation is not None and consultation.filing_municipality_id == own.pk


def _view_consultation(user, consultation, **context) -> bool:
    return is_advisor_like(user) or _owns(user, consultation)


def _list_consultations(user, obj, **context) -> bool:
    return is_advisor_like(user) or role_of(user) == Role.STAFF


def _file_consultation(user, obj, **context) -> bool:
    return role_of(user) == Role.STAFF


def _advisor_only(user, obj=None, **context) -> bool:
    return is_advisor_like(user)


def _view_consultation_dashboard(user, obj, **context) -> bool:
    return role_of(user) in {Role.ADVISOR, Role.OFFICIAL, Role.ADMIN}


def _transition_consultation(user, consultation, *, to: str, **context) -> bool:
    if is_advisor_like(user):
        return to != Status.WITHDRAWN
    if not _filed(user, consultation):
        return False
    if to not in STAFF_TRANSITIONS.get(consultation.status, frozenset()):
        return False
    if consultation.status == Status.RESOLVED and to == Status.IN_PROGRESS:
        # Reopening is possible for a while after resolution, then a new consultation is due.
        resolved_at = consultation.resolved_at or timezone.now()
        return timezone.now() - resolved_at <= datetime.timedelta(days=settings.CONSULTATION_REOPEN_DAYS)
    return True


def _reply_consultation(user, consultation, **context) -> bool:
    return _view_consultation(user, consultation) and not consultation.is_finished


def _edit_message(user, message, **context) -> bool:
    return (
        message.author_id == user.pk
        and _view_consultation(user, message.consultation)
        and (not message.internal or is_advisor_like(user))
    )


def _rate_consultation(user, consultation, **context) -> bool:
    return _filed(user, consultation) and consultation.status in {Status.RESOLVED, Status.CLOSED}


def _download_attachment(user, attachment, **context) -> bool:
    if attachment.internal:
        return is_advisor_like(user)
    return _view_consultation(user, attachment.consultation)


def _request_visit(user, municipality, **context) -> bool:
    return is_advisor_like(user) or same_municipality(user, municipality)


def _download_export(user, export, **context) -> bool:
    """An export is its requester's alone (an advisor's too), while they may still list consultations."""
    return (
        export is not None
        and export.requester_id == user.pk
        and _list_consultations(user, None)
        and export.is_downloadable
    )


RULES = {
    "consultation.list": _list_consultations,
    "consultation.file": _file_consultation,
    "consultation.view": _view_consultation,
    "consultation.view_internal": _advisor_only,
    "consultation.transition": _transition_consultation,
    "consultation.assign": _advisor_only,
    "consultation.follow": _advisor_only,
    "consultation.reply": _reply_consultation,
    "consultation.note": _advisor_only,
    "consultation.rate": _rate_consultation,
    "consultation.view_dashboard": _view_consultation_dashboard,
    "message.edit": _edit_message,
    "attachment.download": _download_attachment,
    "visit.request": _request_visit,
    "visit.list": _list_consultations,
    "visit.schedule": _advisor_only,
    "export.list": _list_consultations,
    "export.download": _download_export,
}


def consultations_for(user) -> QuerySet[Consultation]:
    """Every consultation the user may see: all for advisors and admins, their own for staff."""
    if is_advisor_like(user):
        return Consultation.objects.all()
    if role_of(user) == Role.STAFF:
        owned = Consultation.municipalities.through.objects.filter(
            consultation=OuterRef("pk"), municipality=municipality_of(user)
        )
        return Consultation.objects.filter(Exists(owned))
    return Consultation.objects.none()


def visits_for(user) -> QuerySet[Visit]:
    """Visits a user may see: all for advisors and admins, their municipality's for staff."""
    if is_advisor_like(user):
        return Visit.objects.all()
    if role_of(user) == Role.STAFF:
        return Visit.objects.filter(municipality=municipality_of(user))
    return Visit.objects.none()


def exports_for(user) -> QuerySet[Export]:
    """A user's own exports, newest first: nobody sees another's, advisors included."""
    if not _list_consultations(user, None):
        return Export.objects.none()
    return Export.objects.filter(requester=user)


def opens_consultation(user, *, reference: str) -> bool:
    """For portal.links: whether a consultation's page opens for ``user``."""
    return consultations_for(user).filter(reference=reference).exists()
