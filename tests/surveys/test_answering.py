"""A municipality answers once, as a municipality: drafts by any of its staff, one submit, an optional
approval by a colleague, locked after that unless the prefecture reopens it; the deadline holds."""

import datetime

import pytest
from django.utils import timezone

from portal.models import Notification
from surveys import services
from surveys.models import Response, Survey
from tests.factories import run_tasks, survey
from tests.surveys.conftest import COMPLETE, posted

pytestmark = pytest.mark.django_db


def _answer_url(s):
    return f"/surveys/{s.pk}/answer/"


def _submit(client, s, values=COMPLETE, **extra):
    return client.post(_answer_url(s), {**posted(s, values), "action": "submit", **extra})


def test_a_draft_may_be_incomplete_and_a_colleague_continues_it(world, log_in):
    s, people = world["survey"], world["people"]
    client = log_in(people["staff_own"])
    response = client.post(_answer_url(s), {**posted(s, {"県への要望": "特になし"}), "action": "save"})
    assert response.status_code == 302
    draft = Response.objects.get(survey=s, municipality=world["kashiba"])
    assert draft.state == "draft"
    client.logout()
    page = log_in(people["colleague"]).get(_answer_url(s))
    assert "特になし" in page.content.decode()


def test_numbers_and_dates_are_read_leniently_and_stored_as_values(world, log_in):
    s = world["survey"]
    assert _submit(log_in(world["people"]["staff_own"]), s).status_code == 302
    stored = {
        a.question.label: a.value for a in Response.objects.get(survey=s).answers.select_related("question")
    }
    assert stored["情報システム担当の職員数"] == 3
    assert stored["次の更改予定日"] == "2028-04-01"
    assert stored["利用している基幹業務システム"] == [
        {
            "システム": "住民記録",
            "事業者": "奈良システム株式会社",
            "契約終了日": "2028-03-31",
            "年間費用（千円）": 4200,
        }
    ]


def test_a_number_that_is_not_a_number_and_a_date_that_is_not_a_date_are_refused_next_to_the_field(
    world, log_in
):
    s = world["survey"]
    values = {**COMPLETE, "情報システム担当の職員数": "三人", "次の更改予定日": "来年の春"}
    response = log_in(world["people"]["staff_own"]).post(
        _answer_url(s), {**posted(s, values), "action": "save"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "数値で入力してください" in text
    assert "日付を 2026-04-01 の形で入力してください" in text
    assert 'value="三人"' in text  # what the user typed is kept
    assert not Response.objects.filter(survey=s).exists()


def test_a_table_cell_that_is_not_a_number_names_its_row_and_column(world, log_in):
    s = world["survey"]
    rows = [["住民記録", "奈良システム株式会社", "2028-03-31", "四千"]]
    values = {**COMPLETE, "利用している基幹業務システム": rows}
    response = log_in(world["people"]["staff_own"]).post(
        _answer_url(s), {**posted(s, values), "action": "save"}
    )
    assert "1行目「年間費用（千円）」：数値で入力してください" in response.content.decode()


def test_a_required_question_missing_refuses_the_submit_but_not_the_draft(world, log_in):
    s = world["survey"]
    values = {k: v for k, v in COMPLETE.items() if k != "主な利用形態"}
    client = log_in(world["people"]["staff_own"])
    refused = _submit(client, s, values)
    assert refused.status_code == 400
    assert "この質問は回答が必要です" in refused.content.decode()
    assert not Response.objects.filter(survey=s).exists()
    assert client.post(_answer_url(s), {**posted(s, values), "action": "save"}).status_code == 302


def test_add_row_posts_back_one_more_empty_row_and_keeps_what_was_typed(world, log_in):
    s = world["survey"]
    table = s.questions.get(kind="table")
    data = {**posted(s, COMPLETE), "action": f"add_row:{table.pk}"}
    response = log_in(world["people"]["staff_own"]).post(_answer_url(s), data)
    text = response.content.decode()
    assert response.status_code == 200
    assert f'name="q{table.pk}-r1-c0"' in text and 'value="住民記録"' in text
    assert not Response.objects.filter(survey=s).exists()


def test_a_second_submit_is_refused_with_a_clear_message(world, log_in):
    s = world["survey"]
    client = log_in(world["people"]["staff_own"])
    assert _submit(client, s).status_code == 302
    again = _submit(client, s)
    assert again.status_code == 400
    assert "この回答は提出済みのため変更できません" in again.content.decode()
    assert Response.objects.get(survey=s).version == 1


def test_an_edit_after_submission_is_refused_even_as_a_draft_by_a_colleague(world, log_in):
    s = world["survey"]
    _submit(log_in(world["people"]["staff_own"]), s)
    client = log_in(world["people"]["colleague"])
    refused = client.post(_answer_url(s), {**posted(s, {"県への要望": "書き換え"}), "action": "save"})
    assert "提出済みのため変更できません" in refused.content.decode()
    assert not Response.objects.get(survey=s).answers.filter(value="書き換え").exists()


def test_another_municipalitys_response_by_id_is_not_found(world, log_in):
    s = world["survey"]
    _submit(log_in(world["people"]["staff_other"]), s)
    theirs = Response.objects.get(survey=s, municipality=world["kawai"])
    client = log_in(world["people"]["staff_own"])
    assert client.get(f"/surveys/responses/{theirs.pk}/").status_code == 404
    assert client.post(f"/surveys/responses/{theirs.pk}/reopen/", {"reason": "x"}).status_code == 404


def test_an_unasked_municipality_does_not_see_the_survey(world, log_in):
    client = log_in(world["people"]["staff_unasked"])
    assert client.get(_answer_url(world["survey"])).status_code == 404
    assert world["survey"].title not in client.get("/surveys/").content.decode()


def test_a_colleagues_save_since_the_page_was_opened_is_not_overwritten(world, log_in):
    s = world["survey"]
    client = log_in(world["people"]["staff_own"])
    client.post(_answer_url(s), {**posted(s, {"県への要望": "最初"}), "action": "save"})
    stale = {**posted(s, {"県への要望": "古いページから"}), "action": "save", "version": "1"}
    services.response_save(
        actor=world["people"]["colleague"], survey_id=s.pk, data=posted(s, {"県への要望": "同僚"}), version=1
    )
    refused = client.post(_answer_url(s), stale)
    assert "ほかの職員がこの回答を先に保存しました" in refused.content.decode()


def test_after_the_deadline_answers_are_refused_with_the_deadline_in_the_message(world, log_in):
    s = world["survey"]
    Survey.objects.filter(pk=s.pk).update(
        deadline=timezone.make_aware(datetime.datetime(2026, 11, 30, 17, 0))
    )
    refused = _submit(log_in(world["people"]["staff_own"]), s)
    assert refused.status_code == 400
    assert (
        "回答期限（令和8年（2026年）11月30日 17:00）を過ぎているため、回答できません"
        in refused.content.decode()
    )


def test_a_reopened_response_may_be_corrected_after_the_deadline_and_its_staff_are_told(world, log_in):
    s, people = world["survey"], world["people"]
    _submit(log_in(people["staff_own"]), s)
    Survey.objects.filter(pk=s.pk).update(deadline=timezone.now() - datetime.timedelta(days=1))
    response = Response.objects.get(survey=s)
    advisor = log_in(people["advisor"])
    assert advisor.post(f"/surveys/responses/{response.pk}/reopen/", {"reason": ""}).status_code == 302
    response.refresh_from_db()
    assert response.state == "submitted"  # a reason is required
    advisor.post(f"/surveys/responses/{response.pk}/reopen/", {"reason": "職員数が昨年のままです。"})
    response.refresh_from_db()
    assert response.state == "reopened" and response.reopened_by == people["advisor"]
    run_tasks()
    assert Notification.objects.filter(recipient=people["colleague"], kind="survey_reopened").exists()
    page = log_in(people["staff_own"]).get(_answer_url(s))
    assert "職員数が昨年のままです。" in page.content.decode()
    assert (
        _submit(log_in(people["staff_own"]), s, {**COMPLETE, "情報システム担当の職員数": "4"}).status_code
        == 302
    )
    assert Response.objects.get(survey=s).state == "submitted"


def test_with_approval_a_colleague_not_the_submitter_approves(world, log_in):
    people = world["people"]
    s = survey(
        people["advisor"], [world["kashiba"]], title="情報セキュリティ研修の受講状況", needs_approval=True
    )
    submitter = log_in(people["staff_own"])
    _submit(submitter, s)
    response = Response.objects.get(survey=s)
    assert response.state == "awaiting_approval"
    run_tasks()
    assert Notification.objects.filter(
        recipient=people["colleague"], kind="survey_approval_requested"
    ).exists()
    assert not Notification.objects.filter(
        recipient=people["staff_own"], kind="survey_approval_requested"
    ).exists()
    submitter.post(f"/surveys/{s.pk}/approve/")
    response.refresh_from_db()
    assert response.state == "awaiting_approval"
    log_in(people["colleague"]).post(f"/surveys/{s.pk}/approve/", follow=True)
    response.refresh_from_db()
    assert response.state == "approved" and response.approved_by == people["colleague"]


def test_the_submitter_is_told_why_they_cannot_approve(world, log_in):
    people = world["people"]
    s = survey(
        people["advisor"], [world["kashiba"]], title="情報セキュリティ研修の受講状況", needs_approval=True
    )
    client = log_in(people["staff_own"])
    _submit(client, s)
    page = client.post(f"/surveys/{s.pk}/approve/", follow=True)
    assert "提出した本人は承認できません" in page.content.decode()


def test_opening_a_survey_notifies_the_asked_municipalities_staff_only(world):
    people = world["people"]
    run_tasks()
    assert Notification.objects.filter(recipient=people["staff_own"], kind="survey_opened").exists()
    assert Notification.objects.filter(recipient=people["staff_other"], kind="survey_opened").exists()
    assert not Notification.objects.filter(recipient=people["staff_unasked"], kind="survey_opened").exists()
