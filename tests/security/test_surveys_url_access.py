"""Every /surveys/ URL against every role: what each may open (200), what sends them to log in or
on (302) and what does not exist for them (404). POST actions redirect (302) when allowed; a refused
answer (河合町 already submitted) comes back with its message (400)."""

import copy

import pytest
from django.test import override_settings
from django.urls import get_resolver

from surveys import urls
from tests.conftest import built_once
from tests.surveys.conftest import COMPLETE, posted
from tests.surveys.worlds import build_persona_world

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "pending", "staff_own", "staff_other", "advisor", "official", "consultant"]


def expect(**by_role):
    return [by_role.get(role, by_role.get("default", 404)) for role in ROLES]


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("surveys-url-access")

    def build():
        with override_settings(PRIVATE_STORAGE_ROOT=files):
            world = build_persona_world()
            return {"files": files, "world": world}

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _private_files(settings, _built):
    settings.PRIVATE_STORAGE_ROOT = _built["files"]


@pytest.fixture
def world(_built):
    return copy.deepcopy(_built["world"])


def targets(world):
    return {
        "S": world["survey"].pk,
        "SH": world["shared"].pk,
        "D": world["draft"].pk,
        "Q": world["draft"].questions.first().pk,
        "R": world["response"].pk,
        "F": world["file"].pk,
    }


ADVISOR_ONLY = expect(anonymous=302, advisor=200)
GET_URLS = [
    ("/surveys/", expect(anonymous=302, staff_own=200, staff_other=200, advisor=200, official=200)),
    ("/surveys/new/", ADVISOR_ONLY),
    ("/surveys/{S}/", expect(anonymous=302, staff_own=302, staff_other=302, advisor=200)),
    ("/surveys/{D}/settings/", ADVISOR_ONLY),
    ("/surveys/{D}/questions/{Q}/edit/", ADVISOR_ONLY),
    ("/surveys/{S}/answer/", expect(anonymous=302, staff_own=200, staff_other=200)),
    ("/surveys/{S}/results/", ADVISOR_ONLY),
    (
        "/surveys/{SH}/results/",
        expect(anonymous=302, staff_own=200, staff_other=200, advisor=200, official=200),
    ),
    ("/surveys/{S}/results.csv", ADVISOR_ONLY),
    ("/surveys/{S}/results.xlsx", ADVISOR_ONLY),
    (
        "/surveys/{SH}/results.csv",
        expect(anonymous=302, staff_own=200, staff_other=200, advisor=200, official=200),
    ),
    ("/surveys/responses/{R}/", expect(anonymous=302, staff_other=200, advisor=200)),
    # the municipality's confirmation of an inventory update: its own staff only, never an advisor
    ("/surveys/responses/{R}/inventory/", expect(anonymous=302, staff_other=200)),
    ("/surveys/files/{F}/", expect(anonymous=302, staff_own=200, staff_other=200, advisor=200, official=200)),
]

ADVISOR_ACTS = expect(anonymous=302, advisor=302)
POST_URLS = [
    ("/surveys/new/", ADVISOR_ACTS),
    ("/surveys/{D}/settings/", ADVISOR_ACTS),
    ("/surveys/{D}/questions/add/", ADVISOR_ACTS),
    ("/surveys/{D}/questions/{Q}/edit/", ADVISOR_ACTS),
    ("/surveys/{D}/questions/{Q}/move/", ADVISOR_ACTS),
    ("/surveys/{D}/questions/{Q}/delete/", ADVISOR_ACTS),
    ("/surveys/{D}/open/", ADVISOR_ACTS),
    ("/surveys/{S}/close/", ADVISOR_ACTS),
    ("/surveys/{S}/answer/", expect(anonymous=302, staff_own=302, staff_other=400)),
    ("/surveys/{S}/approve/", expect(anonymous=302)),
    ("/surveys/responses/{R}/reopen/", ADVISOR_ACTS),
    ("/surveys/responses/{R}/inventory/", expect(anonymous=302, staff_other=302)),
]

SETTINGS = {
    "title": "照会の件名",
    "deadline_date": "2030-03-31",
    "deadline_time": "17:00",
    "audience": "all",
}
QUESTION = {"question-kind": "text", "question-label": "県への要望"}


def _data(url, world):
    if url.endswith(("/new/", "/settings/")):
        return SETTINGS
    if "/questions/" in url and url.endswith(("/add/", "/edit/")):
        return QUESTION
    if url.endswith("/answer/"):
        return {**posted(world["survey"], COMPLETE).dict(), "action": "save"}
    if url.endswith("/reopen/"):
        return {"reason": "職員数を確認してください。"}
    return {}


def _each_role(client, log_in, world, expected, request):
    """`request()` once per role, logged in as that role; yields (role, expected status, response)."""
    for role, status in zip(ROLES, expected, strict=True):
        client.logout()
        if role != "anonymous":
            log_in(world["people"][role])
        yield role, status, request()


@pytest.mark.parametrize(("url", "expected"), GET_URLS, ids=[u for u, _ in GET_URLS])
def test_survey_pages_by_role(client, log_in, world, url, expected):
    url = url.format(**targets(world))
    for role, status, response in _each_role(client, log_in, world, expected, lambda: client.get(url)):
        assert response.status_code == status, (role, url)
        if role == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize(("url", "expected"), POST_URLS, ids=[u for u, _ in POST_URLS])
def test_survey_actions_by_role(client, log_in, world, url, expected):
    url = url.format(**targets(world))
    data = _data(url, world)
    for role, status, response in _each_role(client, log_in, world, expected, lambda: client.post(url, data)):
        assert response.status_code == status, (role, url)


def test_every_survey_url_is_in_the_tables():
    patterns = {str(pattern.pattern) for pattern in urls.urlpatterns}
    tabled = {
        url.removeprefix("/surveys/")
        .replace("{S}", "<int:pk>")
        .replace("{SH}", "<int:pk>")
        .replace("{D}", "<int:pk>")
        .replace("{Q}", "<int:qpk>")
        .replace("{R}", "<int:rpk>")
        .replace("{F}", "<int:fpk>")
        for url, _ in [*GET_URLS, *POST_URLS]
    }
    assert patterns == tabled
    assert get_resolver().resolve("/surveys/").namespace == "surveys"
