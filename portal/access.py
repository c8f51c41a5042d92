"""Who may see or do what: the one place that decides.

Every view, query, search filter and export asks this module. Rules are written as one
function per action so the whole policy reads top to bottom and is tested as a matrix
(tests/portal/test_access.py).
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from portal.models import Membership, Municipality, Role

ADVISOR_LIKE = frozenset({Role.ADVISOR, Role.ADMIN})


def role_of(user) -> str | None:
    """The role of an active member; None for anonymous, pending or ended people."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    membership = user.current_membership
    if user.is_superuser:
        # A superuser made with createsuperuser has no membership yet and is an admin; one whose
        # memberships have all ended is not (is_superuser alone must not outlive the role).
        if membership is None:
            return None if user.memberships.exists() else Role.ADMIN
        return Role.ADMIN if membership.state == Membership.State.ACTIVE else None
    if membership is None or membership.state != Membership.State.ACTIVE:
        return None
    return membership.role


def municipality_of(user) -> Municipality | None:
    """The municipality an active staff member works for."""
    if role_of(user) != Role.STAFF:
        return None
    return user.current_membership.municipality


def is_pending(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    membership = user.current_membership
    return membership is not None and membership.state == Membership.State.PENDING


def mfa_required(user) -> bool:
    """Advisors and admins see every municipality's data: a password alone is not enough."""
    return role_of(user) in ADVISOR_LIKE


def _same_municipality(user, municipality: Municipality | None) -> bool:
    own = municipality_of(user)
    return own is not None and municipality is not None and own.pk == municipality.pk


def _view_published(user, obj, **context) -> bool:
    return True


def _view_dashboard(user, obj, **context) -> bool:
    return role_of(user) in {Role.ADVISOR, Role.OFFICIAL, Role.ADMIN}


def _enter_cms(user, obj, **context) -> bool:
    # Advisors publish answers and case studies through Wagtail; officials and staff do not edit.
    return role_of(user) in ADVISOR_LIKE


def _administer(user, obj, **context) -> bool:
    return role_of(user) == Role.ADMIN


def _list_memberships(user, obj, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE


def _decide_membership(user, membership: Membership, **context) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    # Advisors vouch for municipal staff; granting advisor or admin rights is for admins only.
    return role == Role.ADVISOR and membership.role == Role.STAFF


def _view_municipality_members(user, municipality: Municipality, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE or _same_municipality(user, municipality)


def _review_stale_cases(user, obj, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE


def _see_cases_like_mine(user, obj, **context) -> bool:
    return municipality_of(user) is not None


def _edit_cases(user, obj, **context) -> bool:
    # Advisors and admins write and review case studies in Wagtail (the editor group follows this).
    return role_of(user) in ADVISOR_LIKE


def _publish_case_directly(user, obj, **context) -> bool:
    # Everyone else publishes a case only through the 決裁's approval.
    return user.is_superuser and role_of(user) == Role.ADMIN


def _approve_case(user, workflow_state, **context) -> bool:
    """Editors approve a case under review, but never the submission they made themselves."""
    if not _edit_cases(user, None) and not _publish_case_directly(user, None):
        return False
    return workflow_state is None or workflow_state.requested_by_id != user.pk


def _edit_stated_totals(user, obj, **context) -> bool:
    # The source's own totals are facts of record: advisors edit the data, not what the source said.
    return role_of(user) == Role.ADMIN


def _save_readiness(user, obj, **context) -> bool:
    # Staff answer for their own municipality; advisors read results, they do not answer for others.
    return municipality_of(user) is not None


def _view_readiness(user, assessment, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE or _same_municipality(user, assessment.municipality)


def _view_all_readiness(user, obj, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE


def _manage_own_account(user, obj=None, **context) -> bool:
    # Pending and ended members too: their address, password and sessions are still theirs to look after.
    return getattr(user, "is_authenticated", False) and user.is_active


def _end_user_session(user, session, **context) -> bool:
    return _manage_own_account(user) and session.user_id == user.pk


RULES: dict[str, Callable[..., bool]] = {
    "portal.view_published": _view_published,
    "portal.view_dashboard": _view_dashboard,
    "portal.enter_cms": _enter_cms,
    "portal.administer": _administer,
    "account.manage": _manage_own_account,
    "usersession.end": _end_user_session,
    "membership.list": _list_memberships,
    "membership.decide": _decide_membership,
    "municipality.view_members": _view_municipality_members,
    "case.review_stale": _review_stale_cases,
    "case.like_mine": _see_cases_like_mine,
    "case.edit": _edit_cases,
    "case.publish_directly": _publish_case_directly,
    "case.approve": _approve_case,
    "stated_total.edit": _edit_stated_totals,
    "readiness.save": _save_readiness,
    "readiness.view": _view_readiness,
    "readiness.view_all": _view_all_readiness,
}


# --- The consultation desk -------------------------------------------------------------------------
# A consultation is private to the staff of its owning municipalities and to advisors and admins.
# Officials see aggregate counts only, never a consultation.


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
    return role_of(user) in ADVISOR_LIKE or _owns(user, consultation)


def _list_consultations(user, obj, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE or role_of(user) == Role.STAFF


def _file_consultation(user, obj, **context) -> bool:
    return role_of(user) == Role.STAFF


def _advisor_only(user, obj=None, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE


def _view_consultation_dashboard(user, obj, **context) -> bool:
    return role_of(user) in {Role.ADVISOR, Role.OFFICIAL, Role.ADMIN}


# Which target statuses the filing municipality's staff may choose; advisors may choose any but
# 取下げ (withdrawing is the municipality's decision). Joint-procurement partners read and reply;
# the course of the consultation (resolve, reopen, confirm, withdraw) is the filer's to decide.
STAFF_TRANSITIONS = {
    # from: targets
    "new": {"withdrawn"},
    "in_progress": {"withdrawn", "resolved"},
    "waiting": {"withdrawn", "resolved", "in_progress"},
    "resolved": {"closed", "in_progress"},
}


def _transition_consultation(user, consultation, *, to: str, **context) -> bool:
    role = role_of(user)
    if role in ADVISOR_LIKE:
        return to != "withdrawn"
    if not _filed(user, consultation):
        return False
    if to not in STAFF_TRANSITIONS.get(consultation.status, set()):
        return False
    if consultation.status == "resolved" and to == "in_progress":
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
        and (not message.internal or role_of(user) in ADVISOR_LIKE)
    )


def _rate_consultation(user, consultation, **context) -> bool:
    return _filed(user, consultation) and consultation.status in {"resolved", "closed"}


def _download_attachment(user, attachment, **context) -> bool:
    if attachment.internal:
        return role_of(user) in ADVISOR_LIKE
    return _view_consultation(user, attachment.consultation)


def _request_visit(user, municipality, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE or _same_municipality(user, municipality)


def _list_notifications(user, obj=None, **context) -> bool:
    # Anyone with an active role; a pending or ended member has no notices to read.
    return role_of(user) is not None


def _open_handover(user, obj, **context) -> bool:
    return role_of(user) in {Role.ADMIN, Role.ADVISOR, Role.STAFF}


def _request_handover(user, leaver_membership, **context) -> bool:
    """Advisors and admins, or an active staff member of the leaver's municipality: a colleague, the
    successor, or the leaver, who knows best who takes over. Asking moves nothing (see _decide_handover)."""
    if leaver_membership is None or leaver_membership.role != Role.STAFF:
        return False
    return role_of(user) in ADVISOR_LIKE or _same_municipality(user, leaver_membership.municipality)


def _is_leaver(user, handover) -> bool:
    membership = user.current_membership if role_of(user) == Role.STAFF else None
    return membership is not None and handover.leaver_membership_id == membership.pk


def _view_handover(user, handover, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE or _same_municipality(user, handover.leaver_membership.municipality)


def _decide_handover(user, handover, **context) -> bool:
    """Only the leaver, an advisor or an admin confirms or refuses: a colleague who asked (or the
    successor) never takes over someone's account on their own word."""
    return role_of(user) in ADVISOR_LIKE or _is_leaver(user, handover)


def _cancel_handover(user, handover, **context) -> bool:
    return handover.requested_by_id == user.pk and _view_handover(user, handover)


RULES.update(
    {
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
        "membership.open_handover": _open_handover,
        "handover.request": _request_handover,
        "handover.view": _view_handover,
        "handover.confirm": _decide_handover,
        "handover.refuse": _decide_handover,
        "handover.cancel": _cancel_handover,
        "notification.list": _list_notifications,
    }
)


def consultations_for(user) -> QuerySet:
    """Every consultation the user may see: all for advisors and admins, their own for staff."""
    from consultations.models import Consultation

    role = role_of(user)
    if role in ADVISOR_LIKE:
        return Consultation.objects.all()
    if role == Role.STAFF:
        owned = Consultation.municipalities.through.objects.filter(
            consultation=OuterRef("pk"), municipality=municipality_of(user)
        )
        return Consultation.objects.filter(Exists(owned))
    return Consultation.objects.none()


def visits_for(user) -> QuerySet:
    """Visits a user may see: all for advisors and admins, their municipality's for staff."""
    from consultations.models import Visit

    role = role_of(user)
    if role in ADVISOR_LIKE:
        return Visit.objects.all()
    if role == Role.STAFF:
        return Visit.objects.filter(municipality=municipality_of(user))
    return Visit.objects.none()


def notifications_for(user) -> QuerySet:
    """The user's own notices about what they may still see: none without an active role, and none
    about a consultation that is no longer theirs (a moved member, a municipality taken off a case)."""
    from consultations.models import Notification

    if not can(user, "notification.list"):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).filter(
        Q(consultation__isnull=True) | Q(consultation__in=consultations_for(user))
    )


def can(user, action: str, obj=None, **context) -> bool:
    try:
        rule = RULES[action]
    except KeyError:
        raise ValueError(f"Unknown action: {action}") from None
    return rule(user, obj, **context)


def require(user, action: str, obj=None, **context) -> None:
    if not can(user, action, obj, **context):
        raise PermissionDenied(action)


def memberships_for(user) -> QuerySet[Membership]:
    """Memberships a user may review: all for admins and advisors, none otherwise."""
    if not can(user, "membership.list"):
        return Membership.objects.none()
    queryset = Membership.objects.select_related("user", "municipality", "decided_by")
    if role_of(user) == Role.ADVISOR:
        queryset = queryset.filter(role=Role.STAFF)
    return queryset


def user_sessions_for(user) -> QuerySet:
    """A user's own sessions (allauth.usersessions); anyone else's answer 404."""
    from allauth.usersessions.models import UserSession

    if not can(user, "account.manage"):
        return UserSession.objects.none()
    return UserSession.objects.filter(user=user)


def readiness_assessments_for(user):
    """Saved self-assessments a user may read: all for advisors and admins, their own municipality's
    for staff, none otherwise. Others' results are looked up through this, so they answer 404."""
    from cases.models import ReadinessAssessment

    queryset = ReadinessAssessment.objects.select_related("municipality", "created_by")
    if can(user, "readiness.view_all"):
        return queryset
    own = municipality_of(user)
    if own is None:
        return queryset.none()
    return queryset.filter(municipality=own)


def handover_memberships_for(user) -> QuerySet[Membership]:
    """Active staff memberships whose holders the user may ask to hand over, or hand over to (人事異動):
    every one for advisors and admins, their own municipality's for active staff, none for anyone else."""
    memberships = Membership.objects.filter(role=Role.STAFF, state=Membership.State.ACTIVE).select_related(
        "user", "municipality"
    )
    if role_of(user) in ADVISOR_LIKE:
        return memberships
    own = municipality_of(user)
    return memberships.filter(municipality=own) if own else memberships.none()


def handover_requests_for(user) -> QuerySet:
    """Hand-over requests a user may see (the handover.view rule): all for advisors and admins, those
    about their own municipality's staff for active staff, none otherwise; others' answer 404."""
    from consultations.models import HandoverRequest

    queryset = HandoverRequest.objects.select_related(
        "leaver_membership__user",
        "leaver_membership__municipality",
        "successor",
        "requested_by",
        "decided_by",
    )
    if role_of(user) in ADVISOR_LIKE:
        return queryset
    own = municipality_of(user)
    return queryset.filter(leaver_membership__municipality=own) if own else queryset.none()


def handover_requests_to_decide_for(user) -> QuerySet:
    """Pending requests the user may confirm or refuse (handover.confirm / handover.refuse)."""
    pending = handover_requests_for(user).filter(state="pending")
    if role_of(user) in ADVISOR_LIKE:
        return pending
    if role_of(user) == Role.STAFF:
        return pending.filter(leaver_membership=user.current_membership)
    return pending.none()
