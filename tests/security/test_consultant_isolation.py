"""A consultant account sees its workspace and its own account, nothing else: every URL of the portal
(tests/urlwalk.py), each of the workspace's pages read as its own group's and as another group's, and a
consultation of a member municipality, walked as the consultant of the forming group."""

import re

import pytest
from django.test import Client

from tests.factories import WorkspaceFactory, WorkspaceMemberFactory, consultation, home_page
from tests.procurement.conftest import build_procurement_world
from tests.urlwalk import sample_urls

pytestmark = pytest.mark.django_db

# Its own account: sign-in settings, e-mail, password, second factor, sessions, its notifications.
ACCOUNT_PAGES = re.compile(r"/accounts/.*|/notifications/")
# What anyone may read without signing in (checked below to answer a visitor too): the home page, the
# published case studies and adoption status, search over published content, and static helpers.
PUBLIC_PAGES = {
    "/",
    "/accessibility/",
    "/cases/",
    "/cases/adoption/",
    "/cases/compare/",
    "/cases/typology/",
    "/search/",
    "/search/suggest",
    "/healthz",
    "/admin/jsi18n/",
    "/admin/sprite/",
}
# Signed in only, but generic: the readiness questionnaire shows the seed's questions and keeps nothing
# for an account without a municipality (readiness.save is staff's).
GENERIC_SIGNED_IN_PAGES = {"/cases/readiness/"}
# The system inventory of its groups' members (the fit-gap and the partner finder read them); the page
# offers only those municipalities, as the assertion on its choices below checks.
MEMBERS_INVENTORY = "/procurement/inventory/"


def _workspace_pages(slug):
    return re.compile(rf"/procurement/(|{re.escape(slug)}/.*)")


def _with_slug(urls, slug):
    """The sample URLs of the workspace pages, read for the given group."""
    return [
        re.sub(r"^/procurement/1/", f"/procurement/{slug}/", url)
        for url in urls
        if url.startswith("/procurement/1/")
    ]


def test_a_consultant_sees_nothing_outside_its_workspace_and_its_own_account(client, log_in):
    home_page()
    world = build_procurement_world()
    workspace = world["workspace"]
    other = WorkspaceFactory(slug="other-group", recruiting=True)
    WorkspaceMemberFactory(workspace=other, municipality=world["towns"]["outside"], is_founder=True)
    filed = consultation(world["people"]["founder"])
    urls, unreachable = sample_urls()
    assert unreachable == []
    walked = [
        *urls,
        *_with_slug(urls, workspace.slug),
        *_with_slug(urls, other.slug),
        f"/consultations/{filed.reference}/",
    ]
    log_in(world["people"]["consultant"])
    own = _workspace_pages(workspace.slug)

    answered = {url for url in walked if (r := client.get(url)).status_code == 200 and r.content}

    outside = {url for url in answered if not (own.fullmatch(url) or ACCOUNT_PAGES.fullmatch(url))}
    outside -= GENERIC_SIGNED_IN_PAGES | {MEMBERS_INVENTORY}
    assert outside <= PUBLIC_PAGES, sorted(outside - PUBLIC_PAGES)
    # Its own group's pages do open; the other group's, even recruiting, do not.
    assert {f"/procurement/{workspace.slug}/", f"/procurement/{workspace.slug}/milestones/"} <= answered
    assert not any(url.startswith(f"/procurement/{other.slug}/") for url in answered)
    inventory = client.get(MEMBERS_INVENTORY).content.decode()
    assert world["towns"]["member"].name in inventory
    assert world["towns"]["outside"].name not in inventory
    visitor = Client()
    assert {url for url in outside if visitor.get(url).status_code != 200} == set()
