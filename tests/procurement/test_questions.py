"""Vendor Q&A: the secretariat's drafts, publishing a batch (one notice each), the round filter and the
list sent to the vendors as an Excel-safe CSV."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied

from portal.models import Notification, Role
from procurement import services_records
from procurement.models import VendorQuestion
from procurement.notifications_records import QUESTIONS_PUBLISHED
from tests.factories import member, run_tasks

pytestmark = pytest.mark.django_db


def _url(world, tail=""):
    return f"/procurement/{world['workspace'].slug}/questions/{tail}"


def _ask(world, question, *, answer="", round="rfi", vendor="奈良システム株式会社", by="secretariat"):
    return services_records.question_create(
        actor=world["people"][by],
        workspace_id=world["workspace"].pk,
        round=round,
        vendor=vendor,
        question=question,
        answer=answer,
    )


def _publish(world, *rows, by="secretariat"):
    return services_records.questions_publish(
        actor=world["people"][by], workspace_id=world["workspace"].pk, question_ids=[row.pk for row in rows]
    )


def test_a_draft_is_the_secretariats_until_published_then_every_member_reads_it(
    client, log_in, procurement_world
):
    world = procurement_world
    draft = _ask(world, "帳票のBPOは見積に含めますか。", answer="含めてください。")
    log_in(world["people"]["member"])
    assert "帳票のBPOは見積に含めますか。" not in client.get(_url(world)).content.decode()
    log_in(world["people"]["consultant"])
    assert "帳票のBPOは見積に含めますか。" in client.get(_url(world)).content.decode()

    _publish(world, draft, by="consultant")

    for who in ("founder", "member"):
        log_in(world["people"][who])
        assert "含めてください。" in client.get(_url(world)).content.decode(), who


def test_questions_are_numbered_in_the_workspace_and_one_sent_twice_is_kept_once(procurement_world):
    first = _ask(procurement_world, "稼働年数を教えてください。")
    second = _ask(procurement_world, "ガバメントクラウド前提ですか。", vendor="株式会社まほろば情報技術")
    again = _ask(procurement_world, "稼働年数を教えてください。")
    assert (first.number, second.number, again.pk) == (1, 2, first.pk)
    assert VendorQuestion.objects.count() == 2


def test_members_staff_cannot_enter_questions(client, log_in, procurement_world):
    world = procurement_world
    with pytest.raises(PermissionDenied):
        _ask(world, "提出部数は？", by="founder")
    log_in(world["people"]["founder"])
    response = client.post(
        _url(world, "new/"), {"round": "rfp", "vendor": "奈良システム株式会社", "question": "?"}
    )
    assert response.status_code == 404
    assert not VendorQuestion.objects.exists()


def test_a_missing_vendor_is_said_next_to_the_field_and_what_was_typed_stays(
    client, log_in, procurement_world
):
    world = procurement_world
    log_in(world["people"]["secretariat"])
    response = client.post(
        _url(world, "new/"), {"round": "rfp", "vendor": " ", "question": "提出部数は何部ですか。"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "質問した事業者の名前を入力してください。" in page
    assert "提出部数は何部ですか。" in page
    assert not VendorQuestion.objects.exists()


def test_publishing_a_batch_tells_each_members_staff_once_and_not_the_secretariat(procurement_world):
    world = procurement_world
    rows = [_ask(world, f"質問{n}", answer=f"回答{n}") for n in range(3)]
    colleague = member(Role.STAFF, world["towns"]["member"])

    published = _publish(world, *rows)
    run_tasks()

    assert len(published) == 3
    told = list(Notification.objects.filter(kind=QUESTIONS_PUBLISHED).values_list("recipient", flat=True))
    people = world["people"]
    assert sorted(told) == sorted([people["founder"].pk, people["member"].pk, colleague.pk])
    notice = Notification.objects.get(recipient=people["member"])
    assert "RFIの質問回答 3 件が公開されました" in notice.message
    assert notice.url == _url(world)


def test_publishing_again_publishes_nothing_and_sends_no_second_notice(client, log_in, procurement_world):
    world = procurement_world
    row = _ask(world, "提出部数は？", answer="正本1部・副本3部です。")
    log_in(world["people"]["secretariat"])
    for _ in range(2):
        response = client.post(_url(world, "publish/"), {"questions": [row.pk]})
        assert response.status_code == 302
    run_tasks()
    assert (
        Notification.objects.filter(kind=QUESTIONS_PUBLISHED, recipient=world["people"]["member"]).count()
        == 1
    )
    assert "選んだ質問回答はすでに公開されています。" in client.get(_url(world)).content.decode()


def test_an_unanswered_question_in_the_batch_stops_it_and_nothing_is_published(
    client, log_in, procurement_world
):
    world = procurement_world
    answered = _ask(world, "稼働年数は？", answer="7〜9年です。")
    unanswered = _ask(world, "サーバの設置場所は？")
    log_in(world["people"]["secretariat"])
    response = client.post(_url(world, "publish/"), {"questions": [answered.pk, unanswered.pk]})
    assert response.status_code == 200
    assert f"回答のない質問は公開できません（No.{unanswered.number}）。" in response.content.decode()
    assert not VendorQuestion.objects.filter(published_at__isnull=False).exists()


def test_a_published_question_is_not_edited_any_more(client, log_in, procurement_world):
    world = procurement_world
    row = _ask(world, "稼働年数は？", answer="7〜9年です。")
    _publish(world, row)
    log_in(world["people"]["secretariat"])
    assert client.get(_url(world, f"{row.number}/edit/")).status_code == 404
    with pytest.raises(services_records.RecordsError, match="公開済みの質問回答は変更できません"):
        services_records.question_update(
            actor=world["people"]["secretariat"],
            question_id=row.pk,
            round="rfi",
            vendor=row.vendor,
            question=row.question,
            answer="10年です。",
        )


def test_answering_a_draft_records_who_answered(client, log_in, procurement_world):
    world = procurement_world
    row = _ask(world, "データ移行の対象期間は？")
    log_in(world["people"]["consultant"])
    data = {"round": "rfp", "vendor": row.vendor, "question": row.question, "answer": "過去5年分です。"}
    assert client.post(_url(world, f"{row.number}/edit/"), data).status_code == 302
    row.refresh_from_db()
    assert (row.round, row.answer, row.answered_by) == (
        "rfp",
        "過去5年分です。",
        world["people"]["consultant"],
    )
    assert row.answered_at is not None and not row.is_published


def test_the_round_filter_shows_only_that_rounds_questions(client, log_in, procurement_world):
    world = procurement_world
    _publish(
        world,
        _ask(world, "RFIの質問です。", answer="RFIの回答です。"),
        _ask(world, "RFPの質問です。", answer="RFPの回答です。", round="rfp"),
    )
    log_in(world["people"]["member"])
    page = client.get(_url(world), {"round": "rfp"}).content.decode()
    assert "RFPの質問です。" in page
    assert "RFIの質問です。" not in page


def test_the_export_is_the_published_list_excel_safe_and_opens_back(client, log_in, procurement_world):
    world = procurement_world
    hostile = _ask(world, '=HYPERLINK("http://example.com")', answer="-1 と読みます。", vendor="@株式会社")
    _publish(world, hostile)
    _ask(world, "まだ下書きの質問です。", answer="下書きの回答です。")
    log_in(world["people"]["founder"])
    response = client.get(_url(world, "export.csv"))
    assert response.status_code == 200
    assert "attachment; filename*=UTF-8''" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["番号", "区分", "質問した事業者", "質問", "回答", "公開日"]
    assert len(rows) == 2
    assert rows[1][1:5] == ["RFI", "'@株式会社", '\'=HYPERLINK("http://example.com")', "'-1 と読みます。"]


def test_a_consultant_of_another_workspace_finds_no_qa(client, log_in, procurement_world):
    world = procurement_world
    _publish(world, _ask(world, "稼働年数は？", answer="7〜9年です。"))
    log_in(member(Role.CONSULTANT))
    assert client.get(_url(world)).status_code == 404
    assert client.get(_url(world, "export.csv")).status_code == 404


def test_officials_do_not_read_the_qa(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["official"])
    assert client.get(_url(world)).status_code == 404
    assert "質問回答" not in client.get(f"/procurement/{world['workspace'].slug}/").content.decode()
