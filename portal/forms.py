"""Form pieces every app uses: a one-line title and checked attachments."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal import uploads, validators


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("承認")), ("reject", _("却下"))])


class TitleField(forms.CharField):
    """A title on one line, by the rule services apply too (portal.validators.clean_title)."""

    default_error_messages = {"required": validators.TITLE_REQUIRED_MESSAGE}

    def clean(self, value) -> str:
        return validators.clean_title(super().clean(value))


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
