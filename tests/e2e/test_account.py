"""The account page is found from the header and leads to every setting; axe finds nothing there."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from playwright.sync_api import expect

from portal.models import Role
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.factories import MembershipFactory, member

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_opens_the_account_page_from_the_header_and_logs_out_another_device(visit):
    user = member(Role.STAFF)
    other_device = visit()
    log_in(other_device, user)

    v = visit()
    log_in(v, user)
    v.page.locator(".user-box").get_by_role("link", name="アカウント設定").click()
    v.page.wait_for_url(v.base + reverse("account_settings"))
    assert v.page.get_by_role("heading", level=1).inner_text() == "アカウント設定"
    for name, url in [
        ("パスワードの変更", reverse("account_change_password")),
        ("二要素認証", reverse("mfa_index")),
        ("ログイン中の端末", reverse("usersessions_list")),
        ("メールアドレス", reverse("account_email")),
        ("通知の設定", reverse("notification_list")),
    ]:
        assert v.page.get_by_role("link", name=name, exact=True).get_attribute("href") == url
    assert v.axe_violations() == []

    v.page.get_by_role("link", name="ログイン中の端末", exact=True).click()
    v.page.wait_for_url(v.base + reverse("usersessions_list"))
    table = v.page.get_by_role("table", name="ログイン中の端末（2 件）")
    assert table.get_by_text("この端末").count() == 1
    assert v.axe_violations() == []
    table.get_by_role("button", name="ログアウトさせる").click()
    # The page posts back to its own address, so waiting for the URL would not wait for the answer.
    expect(v.page.get_by_role("status").filter(has_text="をログアウトさせました。")).to_have_count(1)
    expect(v.page.get_by_role("table", name="ログイン中の端末（1 件）")).to_be_visible()

    other_device.page.goto(reverse("account_settings"))
    assert "/accounts/login/" in other_device.page.url  # that browser was logged out

    v.page.goto(reverse("account_email"))
    assert "button--danger" in v.page.get_by_role("button", name="削除").get_attribute("class")
    assert v.axe_violations() == []
    v.page.goto(reverse("account_change_password"))
    assert v.axe_violations() == []
    assert v.foreign_requests() == []


def test_advisor_finds_two_factor_and_recovery_codes_without_wcag_violations(visit):
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    RecoveryCodes.activate(advisor)
    v = visit()
    log_in(v, advisor)

    v.page.locator(".user-box").get_by_role("link", name="アカウント設定").click()
    v.page.wait_for_url(v.base + reverse("account_settings"))
    assert v.page.get_by_text("CIO補佐官と管理者は二要素認証が必須です。").is_visible()
    assert v.page.get_by_text("状態：有効（リカバリーコードの残り：10）").is_visible()
    assert v.axe_violations() == []

    v.page.get_by_role("link", name="二要素認証", exact=True).click()
    v.page.wait_for_url(v.base + reverse("mfa_index"))
    assert v.page.get_by_role("heading", level=1).inner_text() == "二要素認証"
    deactivate = v.page.locator(f'a[href="{reverse("mfa_deactivate_totp")}"]')
    assert "button--danger" in deactivate.get_attribute("class")
    assert v.axe_violations() == []
    v.page.get_by_role("link", name="アカウント設定に戻る").click()
    v.page.wait_for_url(v.base + reverse("account_settings"))


def test_the_account_pages_at_375_px_do_not_widen_the_page(visit):
    user = MembershipFactory(user__email="kikaku-seisaku-joho-system-tantou@city.yamatokoriyama.nara.jp").user
    other_device = visit()
    log_in(other_device, user)
    v = visit()
    v.page.set_viewport_size({"width": 375, "height": 800})
    log_in(v, user)
    for url in [reverse("account_settings"), reverse("usersessions_list")]:
        v.page.goto(url)
        assert v.page.evaluate("document.documentElement.scrollWidth") <= 375, url
        assert v.axe_violations() == []
    # The table, with the other device's button and its hidden device name, scrolls inside its region.
    region = v.page.get_by_role("region", name="ログイン中の端末（2 件）")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
