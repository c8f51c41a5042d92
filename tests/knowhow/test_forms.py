"""The know-how forms parse tags as people type them, guard against マイナンバー and share the title rule
with the services."""

import pytest

from knowhow import forms
from portal.personal_data import _my_number_check_digit

pytestmark = pytest.mark.django_db


def test_tags_are_split_on_commas_japanese_commas_and_spaces_full_width_too():
    form = forms.PostForm(
        {"kind": "tip", "title": "題", "body": "本文", "tags": "ＬＧＷＡＮ、RPA,図書館　共同調達 RPA"}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["tags"] == ["LGWAN", "RPA", "図書館", "共同調達"]


def test_template_kind_is_kept_only_for_templates():
    form = forms.PostForm({"kind": "tip", "title": "題", "body": "本文", "template_kind": "rfp"})
    assert form.is_valid() and form.cleaned_data["template_kind"] == ""


def _a_my_number() -> str:
    first_eleven = "12345678901"
    return first_eleven + str(_my_number_check_digit(first_eleven))


@pytest.mark.parametrize(
    ("form_class", "field", "data"),
    [
        (forms.PostForm, "body", {"kind": "tip", "title": "題"}),
        (forms.PostForm, "title", {"kind": "tip", "body": "本文"}),
        (forms.AnswerForm, "body", {}),
        (forms.CommentForm, "body", {}),
    ],
)
def test_every_guarded_field_refuses_a_likely_my_number_until_confirmed(form_class, field, data):
    text = f"番号 {_a_my_number()}"
    form = form_class({**data, field: text})
    assert not form.is_valid() and "マイナンバー" in str(form.errors[field])
    assert form.my_number_warning
    confirmed = form_class({**data, field: text, "not_a_personal_number": "on"})
    assert confirmed.is_valid(), confirmed.errors


@pytest.mark.parametrize("title", ["", "   ", "一行目\n二行目", "題\x1b[31m", "あ" * 201])
def test_the_post_form_and_the_service_refuse_a_bad_title_with_the_same_message(title, world):
    from knowhow import services

    form = forms.PostForm({"kind": "tip", "title": title, "body": "本文"})
    assert not form.is_valid()
    with pytest.raises(services.KnowhowError) as refused:
        services.post_create(actor=world["people"]["asker"], kind="tip", title=title, body="本文")
    assert form.errors["title"] == refused.value.messages
