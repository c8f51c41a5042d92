"""Advisors (and officials given the right) build a survey while it is a draft, then send it."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from surveys.models import Survey
from tests.surveys.conftest import posted

pytestmark = pytest.mark.django_db


def test_an_advisor_builds_reorders_and_sends_a_survey(world, log_in):
    client = log_in(world["people"]["advisor"])
    response = client.post(
        "/surveys/new/",
        {
            "title": "庁内ネットワークの分離方式に関する照会",
            "deadline_date": "2030-01-31",
            "deadline_time": "17:00",
            "audience": "chosen",
            "chosen": [world["kashiba"].pk, world["oji"].pk],
        },
    )
    s = Survey.objects.get(title="庁内ネットワークの分離方式に関する照会")
    assert response["Location"] == f"/surveys/{s.pk}/"
    assert set(s.municipalities.all()) == {world["kashiba"], world["oji"]}
    for label, kind, extra in [
        ("分離方式", "single", {"question-choices": "αモデル\nβモデル\nβ'モデル"}),
        ("端末台数", "number", {"question-unit": "台"}),
    ]:
        client.post(
            f"/surveys/{s.pk}/questions/add/", {"question-kind": kind, "question-label": label, **extra}
        )
    _first, second = s.questions.all()
    client.post(f"/surveys/{s.pk}/questions/{second.pk}/move/", {"direction": "up"})
    assert [q.label for q in s.questions.all()] == ["端末台数", "分離方式"]
    client.post(f"/surveys/{s.pk}/open/")
    s.refresh_from_db()
    assert s.state == "open"
    assert (
        client.post(
            f"/surveys/{s.pk}/questions/add/", {"question-kind": "text", "question-label": "x"}
        ).status_code
        == 404
    )


def test_a_choice_question_needs_two_choices_and_a_table_its_columns(world, log_in):
    s = world["survey"]
    client = log_in(world["people"]["advisor"])
    draft = Survey.objects.create(title="下書き", deadline=s.deadline, created_by=world["people"]["advisor"])
    response = client.post(
        f"/surveys/{draft.pk}/questions/add/", {"question-kind": "single", "question-label": "方式"}
    )
    assert "選択肢を2つ以上入力してください" in response.content.decode()
    response = client.post(
        f"/surveys/{draft.pk}/questions/add/",
        {"question-kind": "table", "question-label": "システム", "question-columns": "事業者:色"},
    )
    assert "文章・数値・日付 のどれかにしてください" in response.content.decode()
    assert not draft.questions.exists()


def test_a_survey_without_questions_is_not_sent(world, log_in):
    advisor = world["people"]["advisor"]
    draft = Survey.objects.create(title="下書き", deadline=world["survey"].deadline, created_by=advisor)
    draft.municipalities.add(world["kashiba"])
    page = log_in(advisor).post(f"/surveys/{draft.pk}/open/", follow=True)
    assert "質問を1つ以上追加してから送信してください" in page.content.decode()


def test_an_official_builds_only_when_given_the_right(world, log_in):
    people = world["people"]
    assert log_in(people["official"]).get("/surveys/new/").status_code == 404
    assert log_in(people["builder_official"]).get("/surveys/new/").status_code == 200


def test_the_advisor_sees_who_has_not_answered_with_drafts_apart(world, log_in):
    s, people = world["survey"], world["people"]
    log_in(people["staff_own"]).post(
        f"/surveys/{s.pk}/answer/", {**posted(s, {"県への要望": "検討中"}), "action": "save"}
    )
    text = log_in(people["advisor"]).get(f"/surveys/{s.pk}/").content.decode()
    drafts, nothing = text.split("下書きのまま未提出")[1].split("まだ何も入力していない")
    assert "香芝市" in drafts and "河合町" not in drafts
    assert "河合町" in nothing


def test_the_right_to_build_is_given_to_officials_only_and_can_be_taken_back(world, log_in):
    people = world["people"]
    with pytest.raises(CommandError):
        call_command("surveys_grant_builder", people["staff_own"].email, stdout=StringIO())
    call_command("surveys_grant_builder", people["official"].email, stdout=StringIO())
    assert log_in(people["official"]).get("/surveys/new/").status_code == 200
    call_command("surveys_grant_builder", people["official"].email, "--revoke", stdout=StringIO())
    assert log_in(people["official"]).get("/surveys/new/").status_code == 404
