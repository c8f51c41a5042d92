"""allauth hooks: a sign-up becomes a pending membership; MFA secrets are encrypted."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.utils import is_mfa_enabled
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

from portal import access, services


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.membership_request_for_signup(user=user)
        return user

    def is_login_by_code_required(self, login) -> bool:
        """An advisor or admin who has no authenticator yet proves the verified mailbox with a code
        before enrolling one: otherwise the password alone would be enough to enrol an attacker's."""
        if access.mfa_required(login.user) and not is_mfa_enabled(login.user):
            return True
        return super().is_login_by_code_required(login)


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
