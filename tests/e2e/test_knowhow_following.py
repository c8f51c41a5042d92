"""Following in a real browser, with axe on every page: staff of a third municipality follows a tag from
the filtered list, asks for the weekly digest, and the digest brings them the tag's new question."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from knowhow import services
from knowhow.models import Post
from portal.models import Role
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, member, run_tasks

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_third_municipality_follows_a_tag_and_gets_the_digest(visit):
    asker = member(Role.STAFF, MunicipalityFactory(name="香芝市", kana="かしばし"))
    reader = member(Role.STAFF, MunicipalityFactory(name="王寺町", kana="おうじちょう"))
    question = services.post_create(
        actor=asker,
        kind="question",
        title="LGWAN接続系でWeb会議に参加する方法",
        body="教えてください。",
        tags=["LGWAN"],
    )

    r = visit()
    log_in(r, reader)
    r.page.goto(f"/knowhow/{question.pk}/")
    r.page.get_by_role("link", name="#LGWAN").click()
    r.page.wait_for_url("**/knowhow/?tag=LGWAN")
    assert r.axe_violations() == []
    r.page.get_by_label("このタグをウォッチ（#LGWAN）").select_option(label="ウォッチ")
    r.page.get_by_role("button", name="通知のレベルを保存").click()
    r.page.wait_for_selector("text=通知のレベルを「ウォッチ」にしました。")
    assert r.axe_violations() == []

    r.page.get_by_role("link", name="フォロー中の一覧").click()
    r.page.wait_for_url("**/knowhow/following/")
    r.page.get_by_label("週に一度、フォロー中の新しい投稿と解決した質問をメールで受け取る").check()
    r.page.get_by_role("button", name="ダイジェストの設定を保存").click()
    r.page.wait_for_selector("text=週間ダイジェストを受け取る設定にしました。")
    assert r.page.get_by_label("このタグをウォッチ（#LGWAN）").input_value() == "watching"
    assert r.axe_violations() == []

    r.page.goto(f"/knowhow/{question.pk}/")
    assert r.page.get_by_label("この投稿の通知").input_value() == "watching"
    assert r.axe_violations() == []

    # The question was asked last week; Monday's digest brings it.
    monday = datetime.date(2027, 1, 4)
    Post.objects.filter(pk=question.pk).update(
        published_at=timezone.make_aware(datetime.datetime(2026, 12, 30, 10))
    )
    run_tasks()
    mail.outbox.clear()
    call_command("knowhow_digest", date=monday.isoformat(), stdout=io.StringIO())
    run_tasks()
    [digest] = [m for m in mail.outbox if m.to == [reader.email]]
    assert "LGWAN接続系でWeb会議に参加する方法" in digest.body and f"/knowhow/{question.pk}/" in digest.body
