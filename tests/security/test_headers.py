"""Every page's Content-Security-Policy: the strict nonce policy for every role, and the admin's own."""

import re

import pytest

from portal.models import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def _is_strict_nonce_policy(policy):
    # django-csp names the nonce only on pages that used one; without it the policy is stricter still.
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    return (
        re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", directives["script-src"])
        and re.fullmatch(r"'self'( 'nonce-[\w+/=-]+')?", directives["style-src"])
        and "unsafe" not in policy
        and "http" not in policy
        and directives["default-src"] == "'self'"
        and directives["frame-ancestors"] == "'none'"
    )


@pytest.mark.parametrize("role", [None, Role.STAFF, Role.OFFICIAL, Role.ADVISOR, Role.ADMIN])
def test_every_portal_page_has_the_strict_nonce_csp_for_every_role(client, log_in, role):
    from tests.urlwalk import sample_urls

    if role is not None:
        log_in(member(role))
    urls, _ = sample_urls()
    loose = []
    for url in [url for url in urls if not url.startswith("/admin/")]:
        response = client.get(url)
        if response.get("Content-Type", "").startswith("text/html"):
            if not _is_strict_nonce_policy(response.get("Content-Security-Policy", "")):
                loose.append(url)
    assert loose == []


def test_admin_gets_its_own_csp_without_a_nonce(client, log_in):
    admin = member(Role.ADMIN)
    log_in(admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy
    assert "nonce-" not in policy
    # Wagtail's admin would show avatars from gravatar.com; LGWAN terminals cannot reach it.
    assert "gravatar" not in response.content.decode()
