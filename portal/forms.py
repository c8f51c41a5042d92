from django import forms
from django.utils.translation import gettext_lazy as _


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("承認")), ("reject", _("却下"))])
