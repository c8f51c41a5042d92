"""One account page that links to every setting; sessions shown by device and ended one at a time."""

import re
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.models import UserSession
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal import devices
from portal.models import Membership, Role
from tests.conftest import TOTP_SECRET
from tests.factories import PASSWORD, MunicipalityFactory, member

pytestmark = pytest.mark.django_db

FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
EDGE_ON_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"
)
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)


def signed_in(user, user_agent=FIREFOX_ON_WINDOWS) -> Client:
    """A browser of its own that logged in through allauth, so that allauth records its session."""
    browser = Client(HTTP_USER_AGENT=user_agent)
    response = browser.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def links_of(html: str) -> set[str]:
    return set(re.findall(r'<a [^>]*href="([^"]+)"', html))


@pytest.mark.parametrize(
    ("role", "role_label"),
    [
        (Role.STAFF, "市町村職員"),
        (Role.ADVISOR, "CIO補佐官"),
        (Role.OFFICIAL, "幹部・県職員"),
        (Role.ADMIN, "管理者"),
    ],
)
def test_account_page_shows_who_you_are_and_links_to_every_setting(log_in, role, role_label):
    municipality = MunicipalityFactory(name="香芝市") if role == Role.STAFF else None
    user = member(role, municipality)
    response = log_in(user).get(reverse("account_settings"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>アカウント設定</h1>" in html
    assert user.get_full_name() in html
    assert user.email in html
    assert role_label in html
    assert ("香芝市" in html) == (role == Role.STAFF)
    assert {
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("usersessions_list"),
        reverse("notification_list"),
    } <= links_of(html)


def test_two_factor_is_optional_for_staff_and_required_for_advisors(log_in):
    staff_html = log_in(member(Role.STAFF)).get(reverse("account_settings")).content.decode()
    assert "二要素認証は任意です" in staff_html
    assert "状態：未設定" in staff_html

    advisor_html = log_in(member(Role.ADVISOR)).get(reverse("account_settings")).content.decode()
    assert "CIO補佐官と管理者は二要素認証が必須です" in advisor_html
    assert "状態：有効" in advisor_html


def test_pending_member_reaches_the_account_page_but_has_no_notification_settings(log_in):
    user = member(Role.STAFF, state=Membership.State.PENDING)
    response = log_in(user).get(reverse("account_settings"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "承認待ち" in html
    assert reverse("account_change_password") in links_of(html)
    assert reverse("notification_list") not in links_of(html)


def test_anonymous_visitor_of_the_account_page_is_sent_to_log_in(client):
    response = client.get(reverse("account_settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_header_and_home_page_lead_to_the_account_page_once(log_in):
    html = log_in(member(Role.STAFF)).get("/").content.decode()
    header = html.split('<main id="main"')[0]
    assert f'href="{reverse("account_settings")}"' in header
    menu = html.split('<ul class="entry-points">')[1].split("</ul>")[0]
    assert menu.count(f'href="{reverse("account_settings")}"') == 1
    assert reverse("usersessions_list") not in menu
    assert reverse("account_email") not in menu


# --- sessions ----------------------------------------------------------------------------------------


def test_sessions_page_names_browser_and_os_and_marks_this_device():
    user = member(Role.STAFF)
    signed_in(user, EDGE_ON_WINDOWS)
    mine = signed_in(user, SAFARI_ON_IPHONE)
    office = UserSession.objects.get(user=user, user_agent=EDGE_ON_WINDOWS)
    this = UserSession.objects.get(user=user, user_agent=SAFARI_ON_IPHONE)
    html = mine.get(reverse("usersessions_list")).content.decode()
    assert "Edge 131" in html and "Windows" in html
    assert "Safari 17" in html and "iOS 17" in html
    assert "127.0.0.1" in html
    year = timezone.localdate().year
    # Started and last used, with the era and the Gregorian year as everywhere else.
    assert html.count(f"年（{year}年）") == 4
    assert html.count("この端末") == 1
    # A button for the other device; this device logs out with the header's button.
    assert f'action="{reverse("usersession_end", args=[office.pk])}"' in html
    assert f'action="{reverse("usersession_end", args=[this.pk])}"' not in html
    assert "ほかの端末をすべてログアウトさせる" in html


def test_ending_one_other_session_logs_out_that_device_only():
    user = member(Role.STAFF)
    office = signed_in(user, EDGE_ON_WINDOWS)
    phone = signed_in(user, SAFARI_ON_IPHONE)
    mine = signed_in(user, FIREFOX_ON_WINDOWS)
    office_session = UserSession.objects.get(user=user, user_agent=EDGE_ON_WINDOWS)

    response = mine.post(reverse("usersession_end", args=[office_session.pk]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("usersessions_list")
    assert "Edge 131（Windows）をログアウトさせました。" in response.content.decode()
    assert office.get(reverse("account_settings")).status_code == 302  # back to the login page
    assert phone.get(reverse("account_settings")).status_code == 200
    assert mine.get(reverse("account_settings")).status_code == 200
    assert set(UserSession.objects.filter(user=user).values_list("user_agent", flat=True)) == {
        SAFARI_ON_IPHONE,
        FIREFOX_ON_WINDOWS,
    }


def test_a_session_of_another_user_cannot_be_ended():
    victim = member(Role.STAFF)
    victim_browser = signed_in(victim, EDGE_ON_WINDOWS)
    victim_session = UserSession.objects.get(user=victim)
    attacker = signed_in(member(Role.STAFF))

    response = attacker.post(reverse("usersession_end", args=[victim_session.pk]))

    assert response.status_code == 404
    assert UserSession.objects.filter(pk=victim_session.pk).exists()
    assert victim_browser.get(reverse("account_settings")).status_code == 200


def test_this_devices_own_session_is_not_ended_through_the_per_device_button():
    user = member(Role.STAFF)
    mine = signed_in(user)
    own = UserSession.objects.get(user=user)
    assert mine.post(reverse("usersession_end", args=[own.pk])).status_code == 404
    assert mine.get(reverse("account_settings")).status_code == 200


def test_ending_a_session_takes_a_post():
    user = member(Role.STAFF)
    signed_in(user, EDGE_ON_WINDOWS)
    mine = signed_in(user)
    other = UserSession.objects.get(user=user, user_agent=EDGE_ON_WINDOWS)
    assert mine.get(reverse("usersession_end", args=[other.pk])).status_code == 405
    assert UserSession.objects.filter(pk=other.pk).exists()


def test_ending_every_other_session_keeps_this_one():
    user = member(Role.STAFF)
    office = signed_in(user, EDGE_ON_WINDOWS)
    mine = signed_in(user)
    response = mine.post(reverse("usersessions_list"), follow=True)
    assert response.status_code == 200
    assert office.get(reverse("account_settings")).status_code == 302
    assert mine.get(reverse("account_settings")).status_code == 200


@pytest.mark.parametrize(
    ("user_agent", "browser", "system"),
    [
        (EDGE_ON_WINDOWS, "Edge 131", "Windows"),
        (FIREFOX_ON_WINDOWS, "Firefox 133", "Windows"),
        (SAFARI_ON_IPHONE, "Safari 17", "iOS 17"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/18.1 Safari/605.1.15",
            "Safari 18",
            "macOS",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome 131",
            "Android 14",
        ),
        ("", "不明なブラウザ", "不明なOS"),
        ("something-odd/0", "不明なブラウザ", "不明なOS"),
    ],
)
def test_user_agent_is_described_as_browser_and_os(user_agent, browser, system):
    assert devices.describe(user_agent) == devices.Device(browser=browser, os=system)


# --- dangerous buttons -------------------------------------------------------------------------------


def test_removing_an_address_is_styled_as_a_dangerous_button(log_in):
    html = log_in(member(Role.STAFF)).get(reverse("account_email")).content.decode()
    remove = re.search(r'<button[^>]*name="action_remove"[^>]*>', html).group(0)
    assert "button--danger" in remove
    primary = re.search(r'<button[^>]*name="action_primary"[^>]*>', html).group(0)
    assert "button--danger" not in primary


def test_deactivating_two_factor_is_styled_as_a_dangerous_button(log_in):
    staff = member(Role.STAFF)
    TOTP.activate(staff, TOTP_SECRET)
    html = log_in(staff).get(reverse("mfa_index")).content.decode()
    deactivate = re.search(rf'<a[^>]*href="{reverse("mfa_deactivate_totp")}"[^>]*>', html).group(0)
    assert "button--danger" in deactivate


# --- demo accounts -----------------------------------------------------------------------------------


def test_demo_advisor_and_admin_get_recovery_codes_once_and_can_print_them(settings):
    settings.DEBUG = True
    call_command("load_reference_data", stdout=StringIO())
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert "demo_totp_code --recovery advisor@example.jp" in output.getvalue()
    codes = {}
    for email in ("advisor@example.jp", "admin@example.jp"):
        authenticator = Authenticator.objects.get(user__email=email, type=Authenticator.Type.RECOVERY_CODES)
        codes[email] = RecoveryCodes(authenticator).get_unused_codes()
        assert len(codes[email]) == 10
    assert not Authenticator.objects.filter(
        user__email="kashiba.staff@example.jp", type=Authenticator.Type.RECOVERY_CODES
    ).exists()

    call_command("load_demo", stdout=StringIO())
    printed = StringIO()
    call_command("demo_totp_code", "advisor@example.jp", recovery=True, stdout=printed)
    assert printed.getvalue().split() == codes["advisor@example.jp"]


@pytest.mark.parametrize("url", [reverse("account_settings"), reverse("usersessions_list")])
def test_account_pages_are_english_when_english_is_chosen(url):
    user = member(Role.STAFF)
    user.last_name, user.first_name = "Yamada", "Hanako"
    user.save()
    browser = signed_in(user, EDGE_ON_WINDOWS)
    browser.get("/")  # shows (and so clears) the Japanese message queued at login
    browser.cookies["django_language"] = "en"
    html = browser.get(url).content.decode()
    assert '<html lang="en">' in html
    leftovers = [
        line.strip()
        for line in html.splitlines()
        if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", line) and "日本語" not in line
    ]
    # The municipality too is in English (Shiken Town …), in the header and in the page.
    assert leftovers == []
    in_page = 1 if url == reverse("account_settings") else 0
    assert html.count(user.current_membership.municipality.name_en) == 1 + in_page


# --- allauth's pages in the portal's words -----------------------------------------------------------


def test_login_page_asks_about_a_forgotten_password_with_full_width_punctuation(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "パスワードをお忘れですか？" in html
    assert "お忘れですか?" not in html


def test_login_code_step_says_two_factor_with_full_width_colon():
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    response = signed_in(advisor).get(reverse("mfa_authenticate"))
    html = response.content.decode()
    assert re.search(r"<h1>\s*二要素認証\s*</h1>", html)
    assert "認証コードを入力してください：" in html
    assert "多要素" not in html


@pytest.mark.parametrize("url", [reverse("mfa_index"), reverse("mfa_activate_totp")])
def test_two_factor_pages_say_two_factor_as_the_account_page_does(url):
    browser = signed_in(member(Role.STAFF))
    browser.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # enrolment asks again
    html = browser.get(url).content.decode()
    assert "二要素認証" in html
    assert "多要素" not in html


@pytest.mark.parametrize(
    "url",
    [
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("mfa_activate_totp"),
        reverse("usersessions_list"),
    ],
)
def test_every_account_setting_page_leads_back_to_the_account_page_once(url):
    browser = signed_in(member(Role.STAFF))
    browser.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # enrolment asks again
    html = browser.get(url).content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]
    assert main.count(f'<a href="{reverse("account_settings")}">アカウント設定に戻る</a>') == 1
