"""allauth's forms with the portal's wording and the name fields sign-up needs."""

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _


def _label_email(form, field_name: str) -> None:
    # allauth's Japanese catalogue says 「Eメール」; the portal says メールアドレス everywhere.
    form.fields[field_name].label = _("メールアドレス")


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_email(self, "login")


class SignupForm(allauth_forms.SignupForm):
    """Sign-up with the name colleagues and advisors will see (allauth's adapter saves both names)."""

    last_name = forms.CharField(label=_("姓"), max_length=150)
    first_name = forms.CharField(label=_("名"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_email(self, "email")
        self.order_fields(["email", "last_name", "first_name", "password1", "password2"])


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_email(self, "email")
