"""Sign-up by registered municipal domain, approval, MFA for advisors, and the admin login route."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core import mail
from django.urls import reverse

from portal.models import Membership, Role, User
from tests.conftest import TOTP_SECRET, totp_code
from tests.factories import PASSWORD, MembershipFactory, MunicipalityEmailDomainFactory, member

pytestmark = pytest.mark.django_db


def signup(client, email):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "last_name": "香芝",
            "first_name": "一郎",
            "password1": "a-long-enough-pass-2026",
            "password2": "a-long-enough-pass-2026",
        },
    )


def test_address_of_registered_domain_signs_up_as_pending_staff_and_must_verify(client):
    domain = MunicipalityEmailDomainFactory(domain="city.kashiba.lg.jp")
    response = signup(client, "ichiro@city.kashiba.lg.jp")
    assert response.status_code == 302
    user = User.objects.get(email="ichiro@city.kashiba.lg.jp")
    assert user.get_full_name() == "香芝 一郎"
    membership = user.memberships.get()
    assert (membership.role, membership.state, membership.municipality) == (
        Role.STAFF,
        Membership.State.PENDING,
        domain.municipality,
    )
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1  # the verification mail
    assert "_auth_user_id" not in client.session


def test_address_of_unregistered_domain_is_told_whom_to_contact_and_nothing_is_saved(client, settings):
    response = signup(client, "someone@gmail.example.com")
    assert response.status_code == 200
    body = response.content.decode()
    assert "登録されていない" in body
    assert settings.PORTAL_CONTACT_EMAIL in body
    assert 'value="someone@gmail.example.com"' in body  # the form keeps what was typed
    assert not User.objects.filter(email="someone@gmail.example.com").exists()


def test_unregistered_domain_message_is_english_when_english_is_chosen(client):
    client.cookies["django_language"] = "en"
    response = signup(client, "someone@gmail.example.com")
    assert "is not registered" in response.content.decode()


def test_advisor_approves_a_pending_staff_member(client, log_in):
    pending = MembershipFactory(state=Membership.State.PENDING)
    advisor = member(Role.ADVISOR)
    log_in(advisor)
    response = client.post(reverse("membership_decide", args=[pending.pk]), {"decision": "approve"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == Membership.State.ACTIVE
    assert pending.decided_by == advisor
    assert pending.started_on is not None


def test_staff_cannot_see_or_decide_membership_requests(client):
    pending = MembershipFactory(state=Membership.State.PENDING)
    client.force_login(member(Role.STAFF, pending.municipality))
    assert client.get(reverse("membership_list")).status_code == 404
    assert (
        client.post(reverse("membership_decide", args=[pending.pk]), {"decision": "approve"}).status_code
        == 404
    )
    pending.refresh_from_db()
    assert pending.state == Membership.State.PENDING


def test_advisor_cannot_grant_advisor_rights(client, log_in):
    pending = MembershipFactory(role=Role.ADVISOR, state=Membership.State.PENDING)
    advisor = member(Role.ADVISOR)
    log_in(advisor)
    response = client.post(reverse("membership_decide", args=[pending.pk]), {"decision": "approve"})
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.state == Membership.State.PENDING


def test_advisor_without_totp_is_sent_to_enrol_and_reaches_nothing_else(client):
    client.force_login(member(Role.ADVISOR))
    for url in ["/", reverse("membership_list"), "/admin/", reverse("account_email")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp")
    # Enrolment itself asks for the password again (allauth's reauthentication), then shows the QR code.
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))


def test_staff_is_not_asked_for_a_second_factor(client):
    client.force_login(member(Role.STAFF))
    assert client.get("/").status_code == 200


def test_advisor_login_needs_the_totp_code_before_a_session_exists(client):
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    response = client.post(reverse("account_login"), {"login": advisor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(advisor.pk)


def test_wagtail_admin_login_is_routed_to_allauth_and_cannot_create_a_session(client):
    admin = member(Role.ADMIN)
    TOTP.activate(admin, TOTP_SECRET)
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"
    response = client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 405
    assert "_auth_user_id" not in client.session
    # Anonymous visitors of the admin are sent through the same allauth login.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/") or response["Location"].startswith(
        reverse("account_login")
    )


def test_admin_login_redirect_refuses_foreign_next_urls(client):
    response = client.get("/admin/login/?next=https://evil.example.com/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_totp_secret_is_stored_encrypted(client):
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    stored = Authenticator.objects.get(user=advisor, type=Authenticator.Type.TOTP).data["secret"]
    assert TOTP_SECRET not in stored
    assert TOTP(Authenticator.objects.get(user=advisor)).validate_code(totp_code())


def test_failed_logins_are_rate_limited_through_the_shared_cache(client):
    user = member(Role.STAFF)
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    # Even the right password is refused once the limit for this address is reached.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_users_see_their_sessions(client):
    user = member(Role.STAFF)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 200
    assert user.usersession_set.count() == 1


def test_session_ends_after_idle_timeout(client, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    user = member(Role.STAFF)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    session = Session.objects.get(session_key=client.session.session_key)
    # Each request pushes the expiry SESSION_COOKIE_AGE ahead; an idle one lets it lapse.
    assert session.expire_date <= timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 5)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("account_email")).status_code == 302


def test_advisor_can_reset_a_password_although_their_domain_is_not_a_municipalitys(client):
    advisor = member(Role.ADVISOR)
    response = client.post(reverse("account_reset_password"), {"email": advisor.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [advisor.email]


def test_sign_up_domain_match_ignores_case_but_not_subdomains(client):
    MunicipalityEmailDomainFactory(domain="city.kashiba.lg.jp")
    signup(client, "Ichiro@CITY.Kashiba.LG.JP")
    assert User.objects.filter(email__iexact="ichiro@city.kashiba.lg.jp").exists()
    response = signup(client, "jiro@evil.city.kashiba.lg.jp")
    assert "登録されていない" in response.content.decode()


def test_a_request_whose_address_is_unconfirmed_cannot_be_approved(client, log_in):
    pending = MembershipFactory(state=Membership.State.PENDING)
    EmailAddress.objects.filter(user=pending.user).update(verified=False)
    advisor = member(Role.ADVISOR)
    log_in(advisor)
    assert "本人のメール確認後に承認できます" in client.get(reverse("membership_list")).content.decode()
    response = client.post(
        reverse("membership_decide", args=[pending.pk]), {"decision": "approve"}, follow=True
    )
    assert "メールアドレスの確認が済んでいない" in response.content.decode()
    pending.refresh_from_db()
    assert pending.state == Membership.State.PENDING


def test_staff_put_in_a_wagtail_editors_group_still_cannot_enter_the_admin(client):
    from django.contrib.auth.models import Group

    staff = member(Role.STAFF)
    staff.groups.add(Group.objects.get(name="Editors"))
    assert not staff.has_perm("wagtailadmin.access_admin")
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302


def test_admin_whose_membership_ended_loses_the_superuser_powers(client):
    admin = member(Role.ADMIN)
    admin.is_superuser = True
    admin.save()
    TOTP.activate(admin, TOTP_SECRET)
    assert admin.has_perm("wagtailadmin.access_admin")
    admin.memberships.update(state=Membership.State.ENDED)
    admin = User.objects.get(pk=admin.pk)
    assert not admin.has_perm("wagtailadmin.access_admin")
    assert not admin.has_perm("portal.change_municipality")
    client.force_login(admin)
    assert client.get("/admin/").status_code == 302


def test_superuser_created_on_the_command_line_is_an_admin_until_given_a_membership():
    from portal import access

    root = User.objects.create_superuser("root@example.jp", "a-long-password-2026")
    assert access.role_of(root) == Role.ADMIN
    assert root.has_perm("portal.change_municipality")


def test_staff_opening_the_admin_gets_a_no_permission_page_not_a_redirect_loop(client):
    client.force_login(member(Role.STAFF))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 2
    assert "この操作はできません" in response.content.decode()


def _signed_in_session(client):
    from django.contrib.sessions.models import Session

    user = member(Role.STAFF)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    return user, Session.objects.get(session_key=client.session.session_key)


def test_pages_within_a_minute_of_the_last_refresh_write_neither_the_session_nor_its_activity(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _signed_in_session(client)
    client.get(reverse("account_email"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("account_email")).status_code == 200
    writes = [q["sql"] for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]
    assert not [sql for sql in writes if "django_session" in sql or "usersession" in sql]


def test_a_page_a_minute_after_the_last_refresh_pushes_the_expiry_and_last_seen_ahead(client, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    settings.SESSION_ACTIVITY_REFRESH_SECONDS = 60
    user, session = _signed_in_session(client)
    client.get(reverse("account_email"))
    # As if the last refresh was two minutes ago: the session was saved then, and last seen then.
    stale = client.session
    stale["_activity_refreshed_at"] -= 120
    stale.save()
    earlier = timezone.now() - timedelta(minutes=2)
    Session.objects.filter(pk=session.pk).update(
        expire_date=earlier + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    )
    user.usersession_set.update(last_seen_at=earlier)
    assert client.get(reverse("account_email")).status_code == 200
    session.refresh_from_db()
    assert session.expire_date >= timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 5)
    assert user.usersession_set.get().last_seen_at >= timezone.now() - timedelta(seconds=5)
