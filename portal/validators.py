"""Rules on single values that forms and services both apply: written once, with one message each."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.sanitize import has_control_characters

TITLE_REQUIRED_MESSAGE = _("件名を入力してください。")
TITLE_ONE_LINE_MESSAGE = _("件名に改行や制御文字は使えません。1行で入力してください。")


def clean_title(value: str) -> str:
    """The title as stored: without surrounding blanks, not empty, and on one line (line breaks and other
    control characters would break mail headers). Raises ValidationError with the message to show."""
    title = (value or "").strip()
    if not title:
        raise ValidationError(TITLE_REQUIRED_MESSAGE, code="required")
    if has_control_characters(title):
        raise ValidationError(TITLE_ONE_LINE_MESSAGE, code="control_characters")
    return title
