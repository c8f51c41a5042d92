"""Rules on single values that forms and services both apply: written once, with one message each."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.sanitize import has_control_characters


@dataclass(frozen=True)
class TitleRule:
    """A title on one line, not empty, within `max_length`, in the words of the page it is on (件名 on
    the desk, タイトル on a post). An app defines its rule once and hands it to both its form field
    (portal.forms.TitleField) and its service, so both refuse the same titles with the same message."""

    required: str | Promise
    one_line: str | Promise
    too_long: str | Promise
    max_length: int = 200

    def clean(self, value: str) -> str:
        """The title as stored, without surrounding blanks (line breaks and other control characters
        would break mail headers). Raises ValidationError with the message to show."""
        title = (value or "").strip()
        if not title:
            raise ValidationError(self.required, code="required")
        if has_control_characters(title):
            raise ValidationError(self.one_line, code="control_characters")
        if len(title) > self.max_length:
            raise ValidationError(self.too_long, code="max_length")
        return title


@dataclass(frozen=True)
class LineRule:
    """An optional text on one line within `max_length` (a version note, a reason), with one message
    that says both, as short fields beside a form's other fields do."""

    message: str | Promise
    max_length: int = 200

    def clean(self, value: str) -> str:
        text = (value or "").strip()
        if has_control_characters(text) or len(text) > self.max_length:
            raise ValidationError(self.message, code="one_line")
        return text


SUBJECT = TitleRule(
    required=_("件名を入力してください。"),
    one_line=_("件名に改行や制御文字は使えません。1行で入力してください。"),
    too_long=_("件名は200文字以内で入力してください。"),
)


def validate_one_line(value: str) -> None:
    """A short text field that must stay on one line (a reason, a label)."""
    if has_control_characters(value):
        raise ValidationError(
            _("改行や制御文字は使えません。1行で入力してください。"), code="control_characters"
        )
