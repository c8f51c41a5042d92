"""Journeys through the shell: staff log in, advisors cannot pass without TOTP, axe finds nothing."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from portal.models import Role
from tests.conftest import TOTP_SECRET, totp_code
from tests.e2e.conftest import log_in
from tests.factories import member

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_logs_in_and_sees_the_home_page(visit):
    user = member(Role.STAFF)
    v = visit()
    log_in(v, user)
    assert v.page.get_by_role("heading", level=1).inner_text() == "市町村情報システム相談ポータル「窓口」"
    assert user.get_full_name() in v.page.locator(".user-box").inner_text()
    assert v.foreign_requests() == []


def test_advisor_cannot_pass_the_login_without_the_totp_code(visit):
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    v = visit()
    log_in(v, advisor, enter_code=False)
    # Leaving the code page does not leave anyone logged in.
    v.page.goto("/")
    assert v.page.locator(".user-box").count() == 0
    v.page.goto("/accounts/members/")
    assert "/accounts/members/" not in v.page.url  # sent back to finish the login instead

    v.page.goto("/accounts/2fa/authenticate/")
    v.page.get_by_label("コード").fill(totp_code())
    v.page.get_by_role("button", name="ログイン", exact=True).click()
    v.page.wait_for_url(v.base + "/")
    assert "利用申請の承認" in v.page.get_by_role("navigation", name="メインメニュー").inner_text()


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accessibility/"])
def test_pages_have_no_wcag_a_or_aa_violations_and_load_nothing_from_other_hosts(visit, path):
    v = visit()
    response = v.page.goto(path)
    assert response.status == 200
    assert v.axe_violations() == []
    assert v.foreign_requests() == []


def test_logged_in_home_page_has_no_wcag_violations(visit):
    user = member(Role.STAFF)
    v = visit()
    log_in(v, user)
    assert v.axe_violations() == []


def test_admin_past_totp_opens_the_cms_titled_madoguchi_and_nothing_is_fetched_elsewhere(visit):
    admin = member(Role.ADMIN)
    admin.is_superuser = True  # Wagtail would show its update check to superusers
    admin.save()
    TOTP.activate(admin, TOTP_SECRET)
    v = visit()
    log_in(v, admin)
    v.page.goto("/admin/")
    v.page.wait_for_load_state("networkidle")
    assert v.page.title().endswith("- 窓口")
    assert "localhost" not in v.page.content()
    assert v.foreign_requests() == []


def test_session_without_the_second_factor_lands_on_the_login_with_an_accessible_message(visit):
    from django.conf import settings
    from django.test import Client

    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    password_only = Client()
    password_only.force_login(advisor)  # a session no allauth login made
    v = visit()
    v.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": password_only.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": v.base,
            }
        ]
    )
    v.page.goto("/consultations/")
    v.page.wait_for_url("**/accounts/login/?next=/consultations/")
    assert "二要素認証を経ていないログイン" in v.page.get_by_role("main").inner_text()
    assert v.page.locator(".user-box").count() == 0
    assert v.axe_violations() == []
