"""Moderation in a real browser, with axe on every page: three organisations flag a post, it is hidden
with a banner, the advisor finds it in the queue and restores it, and the author reads the log."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

from knowhow import moderation
from knowhow.models import PostState
from portal.models import Role
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, member
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_flagged_post_is_hidden_reviewed_and_restored(visit):
    author = member(Role.STAFF, MunicipalityFactory(name="香芝市", kana="かしばし"))
    reader = member(Role.STAFF, MunicipalityFactory(name="河合町", kana="かわいちょう"))
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    post = ask(author, title="住民記録システムの移行で困っていること")
    for other in (member(Role.STAFF, MunicipalityFactory()), member(Role.OFFICIAL)):
        moderation.flag_create(actor=other, post_id=post.pk, reason="personal_data")

    r = visit()
    log_in(r, reader)
    r.page.goto(f"/knowhow/{post.pk}/")
    r.page.get_by_text("この投稿を通報する").click()
    r.page.get_by_role("radio", name="個人情報").check()
    r.page.get_by_label("補足（任意）").fill("担当者の電話番号が書かれています。")
    assert r.axe_violations() == []
    r.page.get_by_role("button", name="通報する").click()
    r.page.wait_for_selector("text=通報しました。CIO補佐官が確認します。")
    post.refresh_from_db()
    assert post.state == PostState.HIDDEN

    a = visit()
    log_in(a, advisor)
    a.page.goto("/knowhow/moderation/")
    assert "担当者の電話番号が書かれています。" in a.page.content()
    assert a.axe_violations() == []
    a.page.get_by_role("link", name="住民記録システムの移行で困っていること").click()
    expect(a.page.get_by_text("この投稿は非公開です。")).to_have_count(1)
    assert a.axe_violations() == []
    a.page.get_by_role("radio", name="問題なし").check()
    a.page.get_by_label("理由").fill("電話番号は代表番号でした。")
    a.page.get_by_role("button", name="記録する").click()
    a.page.wait_for_selector("text=問題なしとして、投稿を公開しました。")
    assert a.axe_violations() == []

    s = visit()
    log_in(s, author)
    s.page.goto(f"/knowhow/{post.pk}/")
    assert "電話番号は代表番号でした。" in s.page.locator("#moderation").inner_text()
    assert s.axe_violations() == []
