"""The one-line rules forms and services share: what they keep, what they refuse and with which message."""

import pytest
from django.core.exceptions import ValidationError

from portal.validators import SUBJECT, LineRule

NOTE = LineRule("1行・10文字以内で。", max_length=10)


def test_a_title_is_kept_without_surrounding_blanks():
    assert SUBJECT.clean("  住民記録システムの移行  ") == "住民記録システムの移行"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("   ", "件名を入力してください。"),
        ("一行目\n二行目", "件名に改行や制御文字は使えません。1行で入力してください。"),
        ("あ" * 201, "件名は200文字以内で入力してください。"),
    ],
)
def test_a_title_is_refused_with_the_message_for_what_is_wrong(value, message):
    with pytest.raises(ValidationError) as refused:
        SUBJECT.clean(value)
    assert refused.value.messages == [message]


def test_an_optional_line_may_be_empty_and_is_kept_stripped():
    assert NOTE.clean("") == ""
    assert NOTE.clean(None) == ""
    assert NOTE.clean(" 令和8年度版 ") == "令和8年度版"


@pytest.mark.parametrize("value", ["改行\nあり", "タブ\tあり", "あ" * 11])
def test_an_optional_line_refuses_line_breaks_control_characters_and_length_with_its_one_message(value):
    with pytest.raises(ValidationError) as refused:
        NOTE.clean(value)
    assert refused.value.messages == ["1行・10文字以内で。"]
