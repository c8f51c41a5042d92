"""No URL gives an advisor or admin a session on a password alone, and no session lacking the second
factor is honoured, whatever view made it."""

import re

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.http import HttpRequest
from django.test import Client

from portal.models import Role
from tests.conftest import TOTP_SECRET, totp_code
from tests.factories import PASSWORD, member
from tests.urlwalk import sample_urls

pytestmark = pytest.mark.django_db

# What an advisor or admin session opens and a password alone must not: the queue with internal
# notes, the CMS, membership approvals, the CSV export, the other advisor-only pages.
ADVISOR_PAGES = [
    "/consultations/",
    "/consultations/export.csv",
    "/accounts/members/",
    "/admin/",
    "/consultations/dashboard/",
    "/consultations/visits/",
    "/cases/stale/",
]


def enrolled(role):
    user = member(role)
    TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.ADMIN])
def test_no_url_of_the_portal_gives_a_session_for_the_password_alone(role):
    user = enrolled(role)
    urls, unreachable = sample_urls()
    # A new pattern this walk cannot fill in must be added to SAMPLE_VALUES, not skipped.
    assert unreachable == []
    assert len(urls) > 100  # the walk sees every include, Wagtail's admin among them
    credentials = {
        "username": user.email,
        "login": user.email,
        "email": user.email,
        "password": PASSWORD,
        "next": "/consultations/",
    }
    made_a_session, opened = [], []
    for url in urls:
        client = Client(raise_request_exception=False)
        client.post(url, credentials)
        if "_auth_user_id" in client.session:
            made_a_session.append(url)
        # Without a session cookie the client is a visitor: only a session can open these pages.
        if settings.SESSION_COOKIE_NAME in client.cookies:
            opened += [(url, page) for page in ADVISOR_PAGES[:4] if client.get(page).status_code == 200]
    assert made_a_session == []
    assert opened == []


def test_wagtail_frontend_login_is_routed_to_allauth_keeping_a_safe_next(client):
    response = client.get("/_util/login/?next=/cases/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fcases%2F"
    response = client.get("/_util/login/?next=https://evil.example.com/")
    assert response["Location"] == "/accounts/login/?next=%2F"
    admin = enrolled(Role.ADMIN)
    response = client.post("/_util/login/", {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 405
    assert "_auth_user_id" not in client.session


def test_page_privacy_password_form_logs_nobody_in(client):
    from wagtail.models import PageViewRestriction

    from tests.factories import home_page

    advisor = enrolled(Role.ADVISOR)
    home = home_page()
    restriction = PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{home.pk}/",
        {"username": advisor.email, "password": PASSWORD, "return_url": "/"},
    )
    assert "_auth_user_id" not in client.session
    assert client.get("/consultations/").status_code == 302


def test_the_cms_offers_no_shared_password_for_pages_or_collections(settings):
    # A shared password is a way in without an account, its form without a rate limit.
    assert settings.WAGTAIL_PRIVATE_PAGE_OPTIONS == {"password": False}
    assert settings.WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS == {"password": False}


def _refused(client, user):
    for page in ADVISOR_PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert "_auth_user_id" not in client.session, page


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.ADMIN])
def test_session_made_by_force_login_without_the_second_factor_is_refused(role):
    user = enrolled(role)
    client = Client()
    client.force_login(user)
    _refused(client, user)


def test_session_whose_records_show_only_a_password_is_refused():
    advisor = enrolled(Role.ADVISOR)
    client = Client()
    client.force_login(advisor)
    request = HttpRequest()
    request.session = client.session
    record_authentication(request, advisor, "password", email=advisor.email)
    request.session.save()
    _refused(client, advisor)


@pytest.mark.urls("tests.security.password_only_urls")
def test_session_made_by_a_view_calling_django_login_is_ended_with_a_message():
    advisor = enrolled(Role.ADVISOR)
    client = Client()
    response = client.post("/password-only-login/", {"username": advisor.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" in client.session  # the raw view did log them in ...
    response = client.get("/consultations/", follow=True)
    # ... and the next request ends that session and sends them to log in properly.
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/consultations/"
    assert "_auth_user_id" not in client.session
    assert "二要素認証を経ていないログインだったため、ログアウトしました" in response.content.decode()


def test_session_that_passed_totp_through_allauth_opens_the_advisor_pages():
    advisor = enrolled(Role.ADVISOR)
    client = Client()
    client.post("/accounts/login/", {"login": advisor.email, "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": totp_code()})
    for page in ADVISOR_PAGES:
        assert client.get(page).status_code == 200, page


def test_session_that_passed_a_recovery_code_opens_the_advisor_pages():
    advisor = enrolled(Role.ADVISOR)
    code = RecoveryCodes.activate(advisor).get_unused_codes()[0]
    client = Client()
    client.post("/accounts/login/", {"login": advisor.email, "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": code})
    for page in ADVISOR_PAGES:
        assert client.get(page).status_code == 200, page


def log_in_with_mailed_code(client, user, mailoutbox):
    """An advisor or admin without an authenticator: the password, then the code mailed to them."""
    mailoutbox.clear()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/login/code/confirm/"
    code = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mailoutbox[-1].body, re.M).group(1)
    return client.post("/accounts/login/code/confirm/", {"code": code})


def test_an_advisor_without_an_authenticator_is_not_let_in_on_the_password_alone(mailoutbox):
    advisor = member(Role.ADVISOR)
    client = Client()
    response = client.post("/accounts/login/", {"login": advisor.email, "password": PASSWORD})
    assert response["Location"] == "/accounts/login/code/confirm/"
    assert "_auth_user_id" not in client.session
    assert [message.to for message in mailoutbox] == [[advisor.email]]
    assert client.post("/accounts/login/code/confirm/", {"code": "WRONG1"}).status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)  # allauth counts the enrolment once it is committed
def test_advisor_who_enrols_totp_in_this_session_keeps_it(mailoutbox):
    advisor = member(Role.ADVISOR)
    client = Client()
    log_in_with_mailed_code(client, advisor, mailoutbox)
    assert client.get("/consultations/")["Location"] == "/accounts/2fa/totp/activate/"
    client.get("/accounts/2fa/totp/activate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.get("/accounts/2fa/totp/activate/")
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    for page in ADVISOR_PAGES:
        assert client.get(page).status_code == 200, page


def test_staff_and_officials_need_no_second_factor():
    for role in (Role.STAFF, Role.OFFICIAL):
        client = Client()
        client.force_login(member(role))
        assert client.get("/").status_code == 200
        assert "_auth_user_id" in client.session


def test_health_check_and_language_switch_answer_a_refused_session():
    client = Client()
    client.force_login(enrolled(Role.ADVISOR))
    assert client.get("/healthz").status_code in (200, 503)
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302


def test_an_advisor_who_turned_the_authenticator_off_needs_the_mailed_code_again(mailoutbox):
    # Replacing a lost device stays possible; the password alone still is not enough afterwards.
    from allauth.mfa.models import Authenticator

    advisor = enrolled(Role.ADVISOR)
    Authenticator.objects.filter(user=advisor).delete()
    client = Client()
    client.post("/accounts/login/", {"login": advisor.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert [message.to for message in mailoutbox] == [[advisor.email]]


@pytest.mark.django_db(transaction=True)
def test_adding_a_second_factor_is_told_to_the_owner_by_mail(mailoutbox):
    # A real (committed) request: allauth mails from an on-commit hook while the request is served.
    advisor = member(Role.ADVISOR)
    client = Client()
    log_in_with_mailed_code(client, advisor, mailoutbox)
    client.get("/accounts/2fa/totp/activate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.get("/accounts/2fa/totp/activate/")
    mailoutbox.clear()
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(client.session["mfa.totp.secret"])})
    assert [message.to for message in mailoutbox] == [[advisor.email]]
