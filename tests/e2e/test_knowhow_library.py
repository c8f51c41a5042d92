"""Sources and the review queue in a real browser, with axe: the author cites a notice on a post with a
file, and an advisor finds the stale post in /knowhow/review/ and confirms it."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from knowhow import services
from knowhow.models import Post
from portal.models import Role
from portal.uploads import check_uploads
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_author_cites_a_notice_and_an_advisor_confirms_the_stale_post(visit, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    author = member(Role.STAFF, MunicipalityFactory(name="香芝市", kana="かしばし"))
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    post = services.post_create(
        actor=author,
        kind="tip",
        title="標準化の工程表",
        body="1枚にまとめています。",
        uploads=check_uploads(
            [SimpleUploadedFile("工程表.csv", "業務,移行日\n住民記録,2026-01-04\n".encode())]
        ),
    )
    Post.objects.filter(pk=post.pk).update(last_checked_on=datetime.date(2024, 5, 1))

    s = visit()
    log_in(s, author)
    s.page.goto(f"{s.base}/knowhow/{post.pk}/")
    assert s.page.get_by_role("link", name="工程表.csv").count() == 1
    s.page.get_by_text("根拠を追加する", exact=True).first.click()
    s.page.get_by_role("radio", name="通知").check()
    s.page.get_by_label("名称").fill("標準化の進め方について")
    s.page.get_by_label("URL").fill("javascript:alert(1)")
    s.page.get_by_role("button", name="根拠を追加する").click()
    assert "http:// または https://" in s.page.locator(".error-summary").inner_text()
    assert s.axe_violations() == []
    s.page.get_by_label("URL").fill("https://www.digital.go.jp/")
    s.page.get_by_role("button", name="根拠を追加する").click()
    expect(s.page.locator(".messages")).to_contain_text("根拠を追加しました。")
    assert s.axe_violations() == []

    a = visit()
    log_in(a, advisor)
    a.page.goto(f"{a.base}/knowhow/review/")
    assert a.page.get_by_role("link", name="標準化の工程表", exact=True).count() == 1
    assert a.axe_violations() == []
    a.page.get_by_role("button", name="確認した").click()
    expect(a.page.locator(".messages")).to_contain_text("確認済みにしました")
    assert "要確認の投稿はありません。" in a.page.content()
    assert a.axe_violations() == []


def test_another_municipality_makes_its_own_version_of_a_template(visit, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    author = member(Role.STAFF, MunicipalityFactory(name="香芝市", kana="かしばし"))
    other = member(Role.STAFF, MunicipalityFactory(name="河合町", kana="かわいちょう"))
    template = services.post_create(
        actor=author,
        kind="template",
        template_kind="sla_checklist",
        title="SLA チェックリスト",
        body="契約前に確認する項目です。",
        uploads=check_uploads(
            [SimpleUploadedFile("SLAチェックリスト.csv", "項目,確認\n稼働率,99.5%\n".encode())]
        ),
        version_note="令和8年度版",
    )

    v = visit()
    log_in(v, other)
    v.page.goto(f"{v.base}/knowhow/{template.pk}/")
    assert "令和8年度版" in v.page.content()
    assert v.axe_violations() == []
    v.page.get_by_role("button", name="自団体版を作る").click()
    v.page.wait_for_url("**/edit/")
    assert "自団体版の下書きを作りました。" in v.page.locator(".messages").inner_text()
    assert v.axe_violations() == []
    v.page.get_by_role("link", name="編集をやめて投稿に戻る").click()
    v.page.wait_for_url("**/knowhow/*/")
    assert v.page.get_by_role("link", name="SLA チェックリスト", exact=True).count() == 1
    assert v.axe_violations() == []
