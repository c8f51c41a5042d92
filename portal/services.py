"""Writes with rules for accounts and memberships."""

from allauth.account.models import EmailAddress
from allauth.usersessions.adapter import get_adapter as usersessions_adapter
from allauth.usersessions.models import UserSession
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access, selectors
from portal.models import Membership, Role, User


class MembershipAlreadyDecided(ValidationError):
    pass


class EmailNotVerified(ValidationError):
    pass


def membership_request_for_signup(*, user: User) -> Membership:
    """A new sign-up becomes a pending staff member of the municipality its domain belongs to."""
    municipality = selectors.municipality_for_email(user.email)
    if municipality is None:
        raise ValidationError(_("このメールアドレスのドメインは登録されていません。"))
    return Membership.objects.create(
        user=user, municipality=municipality, role=Role.STAFF, state=Membership.State.PENDING
    )


def _decide(*, membership_id: int, actor: User, to: str) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("user").get(pk=membership_id)
        access.require(actor, "membership.decide", membership)
        if membership.state != Membership.State.PENDING:
            raise MembershipAlreadyDecided(_("この申請はすでに処理されています。"))
        # Approving an unconfirmed address would vouch for whoever typed a colleague's address.
        if (
            to == Membership.State.ACTIVE
            and not EmailAddress.objects.filter(
                user=membership.user, email__iexact=membership.user.email, verified=True
            ).exists()
        ):
            raise EmailNotVerified(_("メールアドレスの確認が済んでいないため、まだ承認できません。"))
        membership.state = to
        membership.decided_by = actor
        today = timezone.localdate()
        if to == Membership.State.ACTIVE:
            membership.started_on = today
        else:
            membership.ended_on = today
        membership.save(update_fields=["state", "decided_by", "started_on", "ended_on"])
    return membership


def membership_approve(*, membership_id: int, actor: User) -> Membership:
    return _decide(membership_id=membership_id, actor=actor, to=Membership.State.ACTIVE)


def membership_reject(*, membership_id: int, actor: User) -> Membership:
    return _decide(membership_id=membership_id, actor=actor, to=Membership.State.ENDED)


def user_session_end(*, session_id: int, actor: User, current_session_key: str) -> UserSession:
    """Log out one of the actor's other devices; UserSession.DoesNotExist for anything else.

    This device is left out: ending it is the header's ログアウト, which also clears this request.
    """
    with transaction.atomic():
        session = (
            access.user_sessions_for(actor)
            .exclude(session_key=current_session_key)
            .select_for_update()
            .get(pk=session_id)
        )
        access.require(actor, "usersession.end", session)
        # Through allauth's adapter, which deletes the Django session with the row.
        usersessions_adapter().end_sessions([session])
    return session
