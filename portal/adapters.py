"""allauth hooks: a sign-up becomes a pending membership; MFA secrets are encrypted."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

from portal import access, services


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.membership_request_for_signup(user=user)
        return user


def mfa_fernet() -> MultiFernet:
    """The first key of MFA_ENCRYPTION_KEY encrypts; every key listed decrypts (key rotation)."""
    return MultiFernet([Fernet(key.encode()) for key in settings.MFA_ENCRYPTION_KEY.split(",")])


class MFAAdapter(DefaultMFAAdapter):
    """Stores TOTP secrets encrypted with settings.MFA_ENCRYPTION_KEY (allauth's default is plaintext)."""

    def _fernet(self) -> MultiFernet:
        return mfa_fernet()

    def encrypt(self, text: str) -> str:
        return self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return self._fernet().decrypt(encrypted_text.encode()).decode()

    def can_delete_authenticator(self, authenticator) -> bool:
        # For advisors and admins the second factor is the rule, not a choice: turning it off would
        # let the password alone in again. A lost device is replaced by an admin (or a recovery code).
        return not access.mfa_required(authenticator.user)
