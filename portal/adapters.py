"""allauth hooks: sign-up limited to registered municipal domains, encrypted MFA secrets."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django import forms
from django.conf import settings
from django.utils.translation import gettext as _

from portal import selectors, services


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        # Only sign-up asks this; login and password reset never reach here with a new address.
        if selectors.municipality_for_email(email) is None:
            raise forms.ValidationError(
                _(
                    "このメールアドレスのドメインは登録されていないため、ここでは利用登録できません。"
                    "所属先の情報担当課、または県の市町村情報システム相談窓口（%(contact)s）にお問い合わせください。"
                )
                % {"contact": settings.PORTAL_CONTACT_EMAIL}
            )
        return email

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.membership_request_for_signup(user=user)
        return user


class MFAAdapter(DefaultMFAAdapter):
    """Stores TOTP secrets encrypted with settings.MFA_ENCRYPTION_KEY (allauth's default is plaintext)."""

    def _fernet(self) -> Fernet:
        return Fernet(settings.MFA_ENCRYPTION_KEY.encode())

    def encrypt(self, text: str) -> str:
        return self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return self._fernet().decrypt(encrypted_text.encode()).decode()
