"""Sources a post cites, and freshness: 「要確認」 when the last check is older than the review period or
predates the current 年度 with a cited 通知; advisors review the queue and confirm with 「確認した」."""

import datetime

import pytest
from django.utils import timezone

from knowhow import freshness, services
from knowhow.models import Post, PostCheck, SourceKind
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def checked_on(post, day):
    Post.objects.filter(pk=post.pk).update(last_checked_on=day)
    post.refresh_from_db()
    return post


def test_the_author_cites_a_notice_and_it_is_shown_on_the_post(client, log_in, world):
    question = world["question"]
    log_in(world["people"]["asker"])
    response = client.post(
        f"/knowhow/{question.pk}/sources/",
        {
            "source-kind": "notice",
            "source-title": "ガバメントクラウドの利用について",
            "source-number": "デ企第123号",
            "source-issued_on": "2025-04-01",
            "source-url": "https://www.digital.go.jp/policies/gov_cloud",
        },
    )
    assert response.status_code == 302
    log_in(world["people"]["answerer"])
    page = text(client.get(f"/knowhow/{question.pk}/"))
    assert "ガバメントクラウドの利用について" in page and "デ企第123号" in page
    assert 'href="https://www.digital.go.jp/policies/gov_cloud"' in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"source-url": "javascript:alert(1)"}, "http:// または https://"),
        ({"source-url": "ftp://example.jp/a.pdf"}, "http:// または https://"),
        ({"source-title": ""}, "名称を入力してください。"),
        ({"source-issued_on": "令和7年"}, "日付は 2026-04-01 のように"),
        ({"source-kind": ""}, "この項目は必須です"),
    ],
    ids=["javascript-url", "ftp-url", "no-title", "bad-date", "no-kind"],
)
def test_a_bad_source_is_refused_in_japanese_and_the_form_keeps_what_was_typed(
    client, log_in, world, fields, message
):
    question = world["question"]
    log_in(world["people"]["asker"])
    data = {
        "source-kind": "law",
        "source-title": "個人情報の保護に関する法律",
        "source-number": "平成15年法律第57号",
    }
    response = client.post(f"/knowhow/{question.pk}/sources/", {**data, **fields})
    page = text(response)
    assert response.status_code == 200 and message in page
    assert "平成15年法律第57号" in page
    assert not question.sources.exists()


def test_only_the_author_cites_and_removes(client, log_in, world):
    question = world["question"]
    source = services.source_add(
        post_id=question.pk, actor=world["people"]["asker"], kind=SourceKind.LAW, title="地方自治法"
    )
    log_in(world["people"]["answerer"])
    assert client.post(f"/knowhow/sources/{source.pk}/remove/").status_code == 404
    assert client.post(f"/knowhow/{question.pk}/sources/", {"source-kind": "law"}).status_code == 404
    log_in(world["people"]["asker"])
    assert client.post(f"/knowhow/sources/{source.pk}/remove/").status_code == 302
    assert not question.sources.exists()


def test_the_service_refuses_a_url_that_is_not_http(world):
    with pytest.raises(services.KnowhowError):
        services.source_add(
            post_id=world["question"].pk,
            actor=world["people"]["asker"],
            kind=SourceKind.GUIDELINE,
            title="ガイドライン",
            url="data:text/html,<script>",
        )


TODAY = datetime.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("last_checked", "months", "cites_notice", "due"),
    [
        (datetime.date(2025, 6, 15), 12, False, False),
        (datetime.date(2025, 6, 14), 12, False, True),
        (datetime.date(2026, 1, 10), 3, False, True),
        (datetime.date(2026, 3, 31), 12, True, True),
        (datetime.date(2026, 4, 1), 12, True, False),
        (datetime.date(2026, 3, 31), 12, False, False),
        (datetime.date(2024, 2, 29), 24, False, True),
    ],
    ids=[
        "exactly-a-period-ago",
        "a-day-past-the-period",
        "short-period",
        "notice-checked-last-fiscal-year",
        "notice-checked-this-fiscal-year",
        "last-fiscal-year-without-notice",
        "leap-day",
    ],
)
def test_the_badge_and_the_queue_apply_the_same_rule(world, last_checked, months, cites_notice, due):
    post = checked_on(ask(world["people"]["asker"], title="制度の手順"), last_checked)
    Post.objects.filter(pk=post.pk).update(review_months=months)
    post.refresh_from_db()
    if cites_notice:
        services.source_add(
            post_id=post.pk, actor=world["people"]["asker"], kind=SourceKind.NOTICE, title="通知"
        )
        post = checked_on(post, last_checked)
    assert freshness.is_due(post, TODAY) is due
    assert (post in freshness.due(Post.objects.all(), TODAY)) is due


def test_the_fiscal_year_starts_in_april():
    assert freshness.fiscal_year_start(datetime.date(2026, 3, 31)) == datetime.date(2025, 4, 1)
    assert freshness.fiscal_year_start(datetime.date(2026, 4, 1)) == datetime.date(2026, 4, 1)


def test_obsolete_and_draft_posts_are_never_due(world):
    asker, advisor = world["people"]["asker"], world["people"]["advisor"]
    old = checked_on(ask(asker, title="古い手順"), datetime.date(2020, 4, 1))
    services.post_mark_obsolete(post_id=old.pk, actor=advisor)
    draft = ask(asker, title="下書き", publish=False)
    due = freshness.due(Post.objects.all())
    assert old not in due and draft not in due


def test_advisors_see_the_queue_oldest_first_and_confirm_a_post(client, log_in, world):
    people = world["people"]
    older = checked_on(ask(people["asker"], kind="tip", title="とても古い手順"), datetime.date(2019, 5, 1))
    old = checked_on(ask(people["third"], kind="tip", title="古い手順"), datetime.date(2021, 5, 1))
    log_in(people["advisor"])
    page = text(client.get("/knowhow/review/"))
    assert page.index("とても古い手順") < page.index("古い手順</a>")
    assert "LGWAN接続系でWeb会議を使う方法" not in page
    assert "要確認" in text(client.get(f"/knowhow/{older.pk}/"))
    assert "要確認" in text(client.get("/knowhow/"))
    response = client.post(f"/knowhow/{older.pk}/checked/", {"next": "review"})
    assert response.status_code == 302 and response["Location"] == "/knowhow/review/"
    older.refresh_from_db()
    assert older.last_checked_on == timezone.localdate()
    assert PostCheck.objects.get(post=older).checked_by == people["advisor"]
    page = text(client.get("/knowhow/review/"))
    assert f'href="/knowhow/{older.pk}/"' not in page and f'href="/knowhow/{old.pk}/"' in page
    assert old in freshness.due(Post.objects.all())


def test_staff_see_no_review_badge_and_no_queue(client, log_in, world):
    people = world["people"]
    old = checked_on(ask(people["third"], kind="tip", title="古い手順"), datetime.date(2019, 5, 1))
    log_in(people["asker"])
    assert "要確認" not in text(client.get(f"/knowhow/{old.pk}/"))
    assert "要確認" not in text(client.get("/knowhow/"))
    assert client.get("/knowhow/review/").status_code == 404
    assert client.post(f"/knowhow/{old.pk}/checked/").status_code == 404


def test_the_author_sets_the_review_period_and_a_bad_one_is_refused_keeping_the_text(client, log_in, world):
    log_in(world["people"]["third"])
    typed = {"kind": "tip", "title": "毎年変わる手順", "body": "年度ごとに見直します。", "action": "publish"}
    refused = client.post("/knowhow/new/", {**typed, "review_months": "0"})
    assert "見直しの周期を1〜60か月で入力してください。" in text(
        refused
    ) and "年度ごとに見直します。" in text(refused)
    assert not Post.objects.filter(title="毎年変わる手順").exists()
    client.post("/knowhow/new/", {**typed, "review_months": "6"})
    assert Post.objects.get(title="毎年変わる手順").review_months == 6
    client.post("/knowhow/new/", {**typed, "title": "周期なし"})
    assert Post.objects.get(title="周期なし").review_months == 12
