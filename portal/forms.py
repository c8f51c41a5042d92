"""Form pieces every app uses: a one-line title, checked attachments, and model choices read in one query."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from portal import notification_kinds, uploads, validators


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("承認")), ("reject", _("却下"))])


class EvaluatedChoices(ModelChoiceIterator):
    """A select's model choices read with one plain query.

    Django reads them with QuerySet.iterator(), which outside a transaction declares a server-side
    cursor WITH HOLD: three round trips and a copy of the result on the server, for a list of forty
    names on every page that shows the select.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    iterator = EvaluatedChoices


class TitleField(forms.CharField):
    """A title by the app's rule (portal.validators.TitleRule), which its service applies too."""

    def __init__(self, *, rule: validators.TitleRule = validators.SUBJECT, **kwargs):
        self.rule = rule
        kwargs.setdefault("max_length", rule.max_length)
        super().__init__(**kwargs)
        self.error_messages["required"] = rule.required
        self.error_messages["max_length"] = rule.too_long

    def clean(self, value) -> str:
        return self.rule.clean(super().clean(value))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files, checked once by content (portal.uploads); returns the CheckedUploads a service
    takes. Messages name the file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("添付ファイル"))
        kwargs.setdefault(
            "help_text",
            _(
                "PDF、Word、Excel、PowerPoint、CSV、テキスト、PNG、JPEG、ZIP（マクロ付きは不可）。"
                "1ファイル20MBまで、1回に10件・合計50MBまで。"
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[uploads.CheckedUpload]:
        return uploads.check_uploads(data if isinstance(data, list | tuple) else [data])


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


class HandoverForm(forms.Form):
    leaver = forms.ModelChoiceField(
        label=_("異動・退職する職員"), queryset=None, empty_label=_("選択してください")
    )
    successor = forms.ModelChoiceField(
        label=_("引継ぎ先の職員"), queryset=None, empty_label=_("選択してください")
    )
    note = forms.CharField(
        label=_("理由・連絡事項"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("異動の日付や引継ぎの事情など。承認する人と同じ市町村の職員が読みます。"),
    )

    def __init__(self, *args, memberships, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaver"].queryset = memberships
        self.fields["leaver"].label_from_instance = lambda m: (
            _("%(name)s（%(municipality)s）")
            % {
                "name": m.user.get_full_name(),
                "municipality": m.municipality,
            }
        )
        self.fields["successor"].queryset = successors
        self.fields["successor"].label_from_instance = lambda u: u.get_full_name()

    def clean(self):
        cleaned = super().clean()
        leaver, successor = cleaned.get("leaver"), cleaned.get("successor")
        if leaver is None or successor is None:
            return cleaned
        # Said on the successor field, naming the real problem; the service checks the same again.
        if successor.pk == leaver.user_id:
            self.add_error("successor", _("引継ぎ先には、異動・退職する職員とは別の人を選んでください。"))
        elif not successor.memberships.filter(
            municipality=leaver.municipality_id, state=leaver.State.ACTIVE, role=leaver.role
        ).exists():
            self.add_error(
                "successor",
                _("引継ぎ先には、%(municipality)sの職員を選んでください。")
                % {"municipality": leaver.municipality},
            )
        return cleaned


class HandoverConfirmForm(forms.Form):
    note = forms.CharField(label=_("メモ"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HandoverRefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("断る理由"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("依頼した人に伝わります。"),
        error_messages={"required": _("断る理由を書いてください。")},
    )
