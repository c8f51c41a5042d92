"""The マイナンバー guard: text that seems to hold a 個人番号 is held back until the writer confirms it is
not one. Any app's form that takes free text mixes in MyNumberGuardMixin."""

import re
import unicodedata

from django.utils.translation import gettext_lazy as _

MY_NUMBER_CANDIDATE = re.compile(r"(?<!\d)(\d{4}[ -]?\d{4}[ -]?\d{4})(?!\d)")

MY_NUMBER_MESSAGE = _(
    "マイナンバー（個人番号）と思われる12桁の数字が含まれています。個人番号は書き込まないでください。"
    "個人番号ではない場合は、下の確認欄にチェックして送信してください。"
)


def _my_number_check_digit(first_eleven: str) -> int:
    """The check digit of a 個人番号 (マイナンバー) for its first eleven digits."""
    total = 0
    for n, digit in enumerate(reversed(first_eleven), start=1):
        weight = n + 1 if n <= 6 else n - 5
        total += int(digit) * weight
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def looks_like_my_number(text: str) -> bool:
    """True when the text holds twelve digits (full- or half-width, maybe grouped by 4) whose last
    digit is the マイナンバー check digit of the first eleven."""
    normalised = unicodedata.normalize("NFKC", text or "")
    for match in MY_NUMBER_CANDIDATE.finditer(normalised):
        digits = re.sub(r"\D", "", match.group(1))
        if _my_number_check_digit(digits[:11]) == int(digits[11]):
            return True
    return False


class MyNumberGuardMixin:
    """Refuses text that looks like it holds a マイナンバー unless the confirmation box is ticked
    (the form declares `not_a_personal_number`; templates show it once the warning is raised)."""

    guarded_fields = ("body",)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("not_a_personal_number"):
            return cleaned
        for name in self.guarded_fields:
            text = cleaned.get(name, "")
            if text and looks_like_my_number(text):
                self.add_error(name, MY_NUMBER_MESSAGE)
                self.my_number_warning = True
        return cleaned
