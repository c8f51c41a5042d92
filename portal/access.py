"""Who may see or do what: the one place that decides.

Every view, query, search filter and export asks this module. Rules are written as one
function per action so the whole policy reads top to bottom and is tested as a matrix
(tests/portal/test_access.py).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

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


def _save_readiness(user, obj, **context) -> bool:
    # Staff answer for their own municipality; advisors read results, they do not answer for others.
    return municipality_of(user) is not None


def _view_readiness(user, assessment, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE or _same_municipality(user, assessment.municipality)


def _view_all_readiness(user, obj, **context) -> bool:
    return role_of(user) in ADVISOR_LIKE


RULES: dict[str, Callable[..., bool]] = {
    "portal.view_published": _view_published,
    "portal.view_dashboard": _view_dashboard,
    "portal.enter_cms": _enter_cms,
    "portal.administer": _administer,
    "membership.list": _list_memberships,
    "membership.decide": _decide_membership,
    "municipality.view_members": _view_municipality_members,
    "case.review_stale": _review_stale_cases,
    "case.like_mine": _see_cases_like_mine,
    "readiness.save": _save_readiness,
    "readiness.view": _view_readiness,
    "readiness.view_all": _view_all_readiness,
}


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
