"""allauth's forms with the portal's wording and the name fields sign-up needs."""

from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.utils.translation import gettext, gettext_lazy

from portal import selectors


def _label_email(form, field_name: str) -> None:
    # allauth's Japanese catalogue says 「Eメール」; the portal says メールアドレス everywhere.
    form.fields[field_name].label = gettext_lazy("メールアドレス")


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_email(self, "login")


class SignupForm(allauth_forms.SignupForm):
    """Sign-up with the name colleagues and advisors will see (allauth's adapter saves both names)."""

    last_name = forms.CharField(label=gettext_lazy("姓"), max_length=150)
    first_name = forms.CharField(label=gettext_lazy("名"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_email(self, "email")
        self.order_fields(["email", "last_name", "first_name", "password1", "password2"])

    def clean_email(self):
        # Only sign-up is limited to registered domains: advisors and officials (prefecture or
        # vendor addresses) must still be able to reset a password or add an address.
        email = super().clean_email()
        if selectors.municipality_for_email(email) is None:
            raise forms.ValidationError(
                gettext(
                    "このメールアドレスのドメインは登録されていないため、ここでは利用登録できません。"
                    "所属先の情報担当課、または県の市町村情報システム相談窓口（%(contact)s）にお問い合わせください。"
                )
                % {"contact": settings.PORTAL_CONTACT_EMAIL}
            )
        return email


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_email(self, "email")
