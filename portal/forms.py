from django import forms
from django.utils.translation import gettext_lazy as _

from portal import notification_kinds


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("承認")), ("reject", _("却下"))])


class NotificationPreferencesForm(forms.Form):
    """Which kinds of notice to receive; only the kinds a user may turn off are offered."""

    enabled = forms.MultipleChoiceField(
        label=_("受け取る通知"),
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enabled"].choices = [(kind.slug, kind.label) for kind in notification_kinds.mutable()]
