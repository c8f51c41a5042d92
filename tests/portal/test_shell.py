"""The page shell: Japanese first, role-aware navigation, own assets only (the CSP: tests/security)."""

import re

import pytest

from portal.models import Role
from tests.factories import member

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_home_page_is_japanese_with_skip_link_and_policy_link(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    assert "ウェブアクセシビリティ方針" in html
    assert "ログイン" in html


def test_accessibility_policy_page_names_the_standard(client):
    html = client.get("/accessibility/").content.decode()
    assert "JIS X 8341-3" in html


def test_pages_reference_only_their_own_host(client):
    for url in ["/", "/accounts/login/", "/accessibility/", "/accounts/signup/"]:
        html = client.get(url).content.decode()
        for attribute in re.findall(r'(?:src|href|action)="([^"]*)"', html):
            assert not re.match(r"^(https?:)?//", attribute), (url, attribute)


def _superuser_admin(log_in):
    admin = member(Role.ADMIN)
    admin.is_superuser = True  # Wagtail shows its update check to superusers only
    admin.save()
    log_in(admin)


def test_admin_dashboard_loads_nothing_from_another_host(client, log_in, settings):
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_ENABLE_WHATS_NEW_BANNER is False
    _superuser_admin(log_in)
    html = client.get("/admin/").content.decode()
    assert 'data-controller="w-upgrade' not in html  # the script that asks releases.wagtail.io
    assert "w-whats-new" not in html  # the banner of links to wagtail.org
    # What a browser fetches by itself (links to Wagtail's guide are followed only on a click).
    resources = re.findall(r'(?:src|srcset|poster|action|data-[\w-]*url)="([^"]*)"', html)
    resources += re.findall(r'<link[^>]*href="([^"]*)"', html)
    resources += re.findall(r"url\(([^)]*)\)", html)
    assert [url for url in resources if re.match(r"^\s*['\"]?(https?:)?//", url)] == []


def test_admin_is_titled_madoguchi_not_the_host_name(client, log_in):
    _superuser_admin(log_in)
    html = client.get("/admin/").content.decode()
    assert re.search(r"<title>[^<]*窓口</title>", html)
    assert "localhost" not in html
    assert "Wagtail</title>" not in html


def test_navigation_offers_approvals_and_cms_to_advisors_only(client, log_in):
    client.force_login(member(Role.STAFF))
    staff_html = client.get("/").content.decode()
    assert "利用申請の承認" not in staff_html
    assert "コンテンツ管理" not in staff_html

    advisor = member(Role.ADVISOR)
    log_in(advisor)
    advisor_html = client.get("/").content.decode()
    assert "利用申請の承認" in advisor_html
    assert "コンテンツ管理" in advisor_html


def test_pending_member_is_told_their_request_awaits_approval(client):
    from portal.models import Membership

    client.force_login(member(Role.STAFF, state=Membership.State.PENDING))
    assert "承認待ち" in client.get("/").content.decode()


@pytest.mark.parametrize("url", ["/", "/accessibility/", "/accounts/login/", "/accounts/signup/"])
def test_english_pages_have_no_japanese_left_but_the_language_name(client, url):
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    leftovers = {line.strip() for line in html.splitlines() if JAPANESE.search(line)}
    switch_to_japanese = (
        '<button type="submit" name="language" value="ja" lang="ja" class="button button--text">'
        "日本語</button>"
    )
    assert leftovers == {switch_to_japanese}


def test_language_switch_remembers_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()


def test_not_found_page_is_japanese_and_keeps_the_layout(client, settings):
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="ja">' in html
    assert "ページが見つかりません" in html
    assert 'href="#main"' in html


def test_server_error_page_is_japanese(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert '<html lang="ja">' in html
    assert "システムエラー" in html
