"""Who may see or do what: the one engine every view, query, search filter and export asks.

Each app writes its rules, one function per action, in its own `policy.py` beside the querysets
that mirror them, and registers them in `AppConfig.ready()`; this module keeps the engine (`can`,
`require`, `require_or_404`), the role primitives the rules are written with, and the portal's own
rules. It imports no app. Every registered action has a row in the matrix of
tests/security/test_access_matrix.py.
"""

from collections.abc import Callable, Mapping

from allauth.usersessions.models import UserSession
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from portal import notification_kinds
from portal.models import HandoverRequest, Membership, Municipality, Notification, Role

Rule = Callable[..., bool]

# Who is "an advisor" for the portal: advisors and admins see every municipality's data.
ADVISOR_LIKE = frozenset({Role.ADVISOR, Role.ADMIN})
# The prefecture's community: everyone but an outside consultant, who sees only what a
# joint-procurement workspace shares with it.
COMMUNITY = frozenset({Role.STAFF, Role.ADVISOR, Role.OFFICIAL, Role.ADMIN})

_rules: dict[str, Rule] = {}


def register(rules: Mapping[str, Rule]) -> None:
    """Add an app's rules; a name already taken is a configuration error, never a silent override."""
    taken = sorted(set(rules) & set(_rules))
    if taken:
        raise ImproperlyConfigured(f"Access rules registered twice: {', '.join(taken)}")
    _rules.update(rules)


def actions() -> list[str]:
    """Every registered action, sorted."""
    return sorted(_rules)


def can(user, action: str, obj=None, **context) -> bool:
    try:
        rule = _rules[action]
    except KeyError:
        raise ValueError(f"Unknown action: {action}") from None
    return rule(user, obj, **context)


def require(user, action: str, obj=None, **context) -> None:
    if not can(user, action, obj, **context):
        raise PermissionDenied(action)


def require_or_404(user, action: str, obj=None, **context) -> None:
    """For views: outside the user's scope a page does not exist (404), so references leak nothing."""
    if not can(user, action, obj, **context):
        raise Http404


# --- Role primitives ----------------------------------------------------------------------------


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


def is_advisor_like(user) -> bool:
    return role_of(user) in ADVISOR_LIKE


def is_community_member(user) -> bool:
    """An active member of the prefecture's community (not anonymous, pending, ended or a consultant)."""
    return role_of(user) in COMMUNITY


def municipality_of(user) -> Municipality | None:
    """The municipality an active staff member works for."""
    if role_of(user) != Role.STAFF:
        return None
    return user.current_membership.municipality


def same_municipality(user, municipality: Municipality | None) -> bool:
    """Whether the user is active staff of that municipality."""
    own = municipality_of(user)
    return own is not None and municipality is not None and own.pk == municipality.pk


def is_pending(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    membership = user.current_membership
    return membership is not None and membership.state == Membership.State.PENDING


def mfa_required(user) -> bool:
    """Advisors and admins see every municipality's data: a password alone is not enough."""
    return is_advisor_like(user)


# --- The portal's own rules ---------------------------------------------------------------------


def _enter_cms(user, obj, **context) -> bool:
    # Advisors publish answers and case studies through Wagtail; officials and staff do not edit.
    return is_advisor_like(user)


def _administer(user, obj, **context) -> bool:
    return role_of(user) == Role.ADMIN


def _list_memberships(user, obj, **context) -> bool:
    return is_advisor_like(user)


def _decide_membership(user, membership: Membership, **context) -> bool:
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    # Advisors vouch for municipal staff; granting advisor or admin rights is for admins only.
    return role == Role.ADVISOR and membership.role == Role.STAFF


def _open_handover(user, obj, **context) -> bool:
    return role_of(user) in {Role.ADMIN, Role.ADVISOR, Role.STAFF}


def _list_notifications(user, obj=None, **context) -> bool:
    # Anyone with an active role; a pending or ended member has no notices to read.
    return role_of(user) is not None


def _request_handover(user, leaver_membership, **context) -> bool:
    """Advisors and admins, or an active staff member of the leaver's municipality: a colleague, the
    successor, or the leaver, who knows best who takes over. Asking moves nothing (see _decide_handover)."""
    if leaver_membership is None or leaver_membership.role != Role.STAFF:
        return False
    return is_advisor_like(user) or same_municipality(user, leaver_membership.municipality)


def _is_leaver(user, handover) -> bool:
    membership = user.current_membership if role_of(user) == Role.STAFF else None
    return membership is not None and handover.leaver_membership_id == membership.pk


def _view_handover(user, handover, **context) -> bool:
    return is_advisor_like(user) or same_municipality(user, handover.leaver_membership.municipality)


def _decide_handover(user, handover, **context) -> bool:
    """Only the leaver, an advisor or an admin confirms or refuses: a colleague who asked (or the
    successor) never takes over someone's account on their own word."""
    return is_advisor_like(user) or _is_leaver(user, handover)


def _cancel_handover(user, handover, **context) -> bool:
    return handover.requested_by_id == user.pk and _view_handover(user, handover)


def _manage_own_account(user, obj=None, **context) -> bool:
    # Pending and ended members too: their address, password and sessions are still theirs to look after.
    return getattr(user, "is_authenticated", False) and user.is_active


def _end_user_session(user, session, **context) -> bool:
    return _manage_own_account(user) and session.user_id == user.pk


RULES: dict[str, Rule] = {
    "portal.enter_cms": _enter_cms,
    "portal.administer": _administer,
    "account.manage": _manage_own_account,
    "usersession.end": _end_user_session,
    "membership.list": _list_memberships,
    "membership.decide": _decide_membership,
    "membership.open_handover": _open_handover,
    "notification.list": _list_notifications,
    "handover.request": _request_handover,
    "handover.view": _view_handover,
    "handover.confirm": _decide_handover,
    "handover.refuse": _decide_handover,
    "handover.cancel": _cancel_handover,
}


def memberships_for(user) -> QuerySet[Membership]:
    """Memberships a user may review: all for admins and advisors, none otherwise."""
    if not can(user, "membership.list"):
        return Membership.objects.none()
    queryset = Membership.objects.select_related("user", "municipality", "decided_by")
    if role_of(user) == Role.ADVISOR:
        queryset = queryset.filter(role=Role.STAFF)
    return queryset


def user_sessions_for(user) -> QuerySet[UserSession]:
    """A user's own sessions (allauth.usersessions); anyone else's answer 404."""
    if not can(user, "account.manage"):
        return UserSession.objects.none()
    return UserSession.objects.filter(user=user)


def notifications_for(user) -> QuerySet[Notification]:
    """The user's own notices about what they may still see: none without an active role, and of each
    kind only those its app still shows them (e.g. none about a consultation that is no longer theirs)."""
    if not can(user, "notification.list"):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).filter(notification_kinds.visible_q(user))


def unread_notification_count(user) -> int:
    """How many of notifications_for(user) are unread, as the header's badge shows on every page.

    Every kind's visibility filter costs milliseconds to build and compile before any SQL runs, so the
    kinds the user has unread are asked first (one small query on the recipient's index): with none, the
    count is 0 at that; otherwise only those kinds' filters are applied."""
    if not can(user, "notification.list"):
        return 0
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    kinds = set(unread.order_by().values_list("kind", flat=True).distinct())
    if not kinds:
        return 0
    return unread.filter(notification_kinds.visible_q(user, kinds=kinds)).count()


def handover_memberships_for(user) -> QuerySet[Membership]:
    """Active staff memberships whose holders the user may ask to hand over, or hand over to (人事異動):
    every one for advisors and admins, their own municipality's for active staff, none for anyone else."""
    memberships = Membership.objects.filter(role=Role.STAFF, state=Membership.State.ACTIVE).select_related(
        "user", "municipality"
    )
    if is_advisor_like(user):
        return memberships
    own = municipality_of(user)
    return memberships.filter(municipality=own) if own else memberships.none()


def handover_requests_for(user) -> QuerySet[HandoverRequest]:
    """Hand-over requests a user may see (the handover.view rule): all for advisors and admins, those
    about their own municipality's staff for active staff, none otherwise; others' answer 404."""
    queryset = HandoverRequest.objects.select_related(
        "leaver_membership__user",
        "leaver_membership__municipality",
        "successor",
        "requested_by",
        "decided_by",
    )
    if is_advisor_like(user):
        return queryset
    own = municipality_of(user)
    return queryset.filter(leaver_membership__municipality=own) if own else queryset.none()


def handover_requests_to_decide_for(user) -> QuerySet[HandoverRequest]:
    """Pending requests the user may confirm or refuse (handover.confirm / handover.refuse)."""
    pending = handover_requests_for(user).filter(state=HandoverRequest.State.PENDING)
    if is_advisor_like(user):
        return pending
    if role_of(user) == Role.STAFF:
        return pending.filter(leaver_membership=user.current_membership)
    return pending.none()
