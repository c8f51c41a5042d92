"""Every /events/ URL against every role: what each may open (200), what sends them to log in (302) and
what does not exist for them (404). POST actions redirect (302) when allowed."""

import copy

import pytest
from django.test import override_settings

from tests.conftest import built_once
from tests.events.conftest import PERSONAS, build_events_world

pytestmark = pytest.mark.django_db


def expect(**by_role):
    return [by_role.get(role, by_role.get("default")) for role in PERSONAS]


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("events-url-access")

    def build():
        with override_settings(PRIVATE_STORAGE_ROOT=files):
            return {"files": files, "world": build_events_world()}

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def world(_built, settings):
    settings.PRIVATE_STORAGE_ROOT = _built["files"]
    return copy.deepcopy(_built["world"])


MEMBERS = expect(anonymous=302, pending=404, consultant=404, default=200)
ADVISORS = expect(anonymous=302, advisor=200, default=404)
GET_URLS = [
    ("/events/", MEMBERS),
    ("/events/new/", ADVISORS),
    ("/events/mine.ics", MEMBERS),
    ("/events/{E}/", MEMBERS),
    ("/events/{DR}/", ADVISORS),
    ("/events/{E}/edit/", ADVISORS),
    ("/events/{P}/attendance/", ADVISORS),
    ("/events/{P}/summary/", MEMBERS),
    # A summary exists once the event is over.
    ("/events/{E}/summary/", expect(anonymous=302, default=404)),
    ("/events/{E}/materials/new/", ADVISORS),
    ("/events/{E}/event.ics", MEMBERS),
    ("/events/{DR}/event.ics", ADVISORS),
    ("/events/registrations/{RP}/follow-up/", expect(anonymous=302, own=200, default=404)),
    ("/events/materials/{M}/", MEMBERS),
    ("/events/visits/", expect(anonymous=302, own=200, other=200, host=200, advisor=200, default=404)),
    # Staff ask a case study's municipality other than their own.
    ("/events/visits/new/?case={CS}", expect(anonymous=302, own=200, other=200, default=404)),
    ("/events/visits/new/?case=0", expect(anonymous=302, default=404)),
    ("/events/visits/{V}/", expect(anonymous=302, own=200, host=200, advisor=200, default=404)),
]

POST_URLS = [
    ("/events/new/", ADVISORS),  # without data the form comes back with its messages
    ("/events/{E}/edit/", ADVISORS),
    ("/events/{DR}/publish/", expect(anonymous=302, advisor=302, default=404)),
    ("/events/{E}/cancel/", expect(anonymous=302, advisor=302, default=404)),
    # own is registered already: refused with a message on the event's page (302).
    ("/events/{E}/register/", expect(anonymous=302, own=302, other=302, host=302, default=404)),
    ("/events/{DR}/register/", expect(anonymous=302, default=404)),
    ("/events/registrations/{R}/cancel/", expect(anonymous=302, own=302, default=404)),
    ("/events/{P}/attendance/", expect(anonymous=302, advisor=302, default=404)),
    ("/events/registrations/{RP}/follow-up/", expect(anonymous=302, own=302, default=404)),
    ("/events/{E}/materials/new/", ADVISORS),  # without a file the form comes back
    ("/events/{P}/outcomes/", expect(anonymous=302, advisor=302, default=404)),
    ("/events/outcomes/{O}/remove/", expect(anonymous=302, advisor=302, default=404)),
    ("/events/visits/new/?case={CS}", expect(anonymous=302, own=302, other=302, default=404)),
    ("/events/visits/{V}/accept/", expect(anonymous=302, host=302, default=404)),
    ("/events/visits/{V}/decline/", expect(anonymous=302, host=302, default=404)),
    ("/events/visits/{V}/join/", expect(anonymous=302, advisor=302, default=404)),
]

POST_DATA = {
    "register": {"person": "{me}"},
    "attendance": {"attended": ["{RP}"]},
    "follow-up": {"satisfaction": "4", "next_action": "移行計画を見直す"},
    "outcomes": {"kind": "knowhow", "title": "費用の按分の質問", "url": "/knowhow/"},
    "new": {"requested_dates": "1月中旬", "purpose": "体制を伺いたい", "people": "2"},
    "accept": {"proposed_dates": "1月20日（火）午後"},
    "decline": {"reason": "庁舎の改修中のため"},
}


def _data(url, targets, user):
    last = url.split("?")[0].strip("/").split("/")[-1]
    data = POST_DATA.get(last, {}) if "visits" in url or last != "new" else {}
    values = {**targets, "me": user.pk if user else ""}
    return {
        name: [v.format(**values) for v in value] if isinstance(value, list) else value.format(**values)
        for name, value in data.items()
    }


def _as(client, log_in, world, role):
    client.logout()
    if role == "anonymous":
        return None
    log_in(world["people"][role])
    return world["people"][role]


@pytest.mark.parametrize(("url", "expected"), GET_URLS, ids=[u for u, _ in GET_URLS])
def test_events_pages_by_role(client, log_in, world, url, expected):
    url = url.format(**world["targets"])
    for role, status in zip(PERSONAS, expected, strict=True):
        _as(client, log_in, world, role)
        response = client.get(url)
        assert response.status_code == status, (role, url)
        if role == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize(("url", "expected"), POST_URLS, ids=[u for u, _ in POST_URLS])
def test_events_actions_by_role(client, log_in, world, url, expected):
    url = url.format(**world["targets"])
    for role, status in zip(PERSONAS, expected, strict=True):
        user = _as(client, log_in, world, role)
        response = client.post(url, _data(url, world["targets"], user))
        assert response.status_code == status, (role, url)


@pytest.mark.parametrize("url", ["/events/{E}/cancel/", "/events/{E}/register/", "/events/visits/{V}/join/"])
def test_actions_refuse_get(client, log_in, world, url):
    log_in(world["people"]["advisor"])
    assert client.get(url.format(**world["targets"])).status_code == 405


def test_every_events_url_is_in_the_tables():
    from events import urls

    patterns = {str(pattern.pattern) for pattern in urls.urlpatterns}
    tabled = set()
    for url, _ in GET_URLS + POST_URLS:
        path = url.split("?")[0].removeprefix("/events/")
        for key in ("DR", "RP", "CS", "E", "P", "R", "M", "O", "V"):
            path = path.replace("{" + key + "}", "<int:pk>")
        tabled.add(path)
    assert patterns - tabled == set()
