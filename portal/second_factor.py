"""Whether this session has passed the second factor, as allauth records it in the session."""

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa.models import Authenticator

SECOND_FACTOR = "mfa"  # allauth records a TOTP or recovery-code step under this method


def passed(request) -> bool:
    """True when a TOTP code or a recovery code was accepted for request.user in this session."""
    return any(
        record.get("method") == SECOND_FACTOR for record in get_authentication_records(request, request.user)
    )


def record_enrolment(sender, request, user, authenticator, **kwargs):
    """Enrolling TOTP proves the code in this session: count it, so the new advisor is not sent away.

    allauth records nothing when a TOTP device is activated (it sends authenticator_added).
    """
    if (
        request is not None
        and authenticator.type == Authenticator.Type.TOTP
        and getattr(request, "user", None) is not None
        and request.user.pk == user.pk
    ):
        record_authentication(request, user, SECOND_FACTOR, id=authenticator.pk, type=authenticator.type)
