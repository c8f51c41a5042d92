"""The events' rules as a table: every persona against every registered events action, and the
querysets that mirror the view rules. The kernel matrix's test_every_registered_action_has_a_row_in_the_matrix
counts these rows."""

import copy

import pytest

from events import policy
from portal import access, material
from tests.conftest import built_once
from tests.events.conftest import PERSONAS, build_events_world

pytestmark = pytest.mark.django_db


def allowed(*personas):
    return frozenset(personas)


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("events-matrix")

    def build():
        from django.test import override_settings

        with override_settings(PRIVATE_STORAGE_ROOT=files):
            return build_events_world()

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def world(_built):
    return copy.deepcopy(_built)


MEMBERS = allowed("own", "other", "host", "advisor", "official")
STAFF = allowed("own", "other", "host")
ADVISOR = allowed("advisor")

# (action, target, who may): the target is a key of the world ("case" is lent as portal.material).
EVENTS_MATRIX = [
    ("event.list", None, MEMBERS),
    ("event.view", "upcoming", MEMBERS),
    ("event.create", None, ADVISOR),
    ("event.edit", "upcoming", ADVISOR),
    ("event.publish", "draft", ADVISOR),
    ("event.cancel", "upcoming", ADVISOR),
    ("event.record_attendance", "past", ADVISOR),
    ("event.upload_material", "upcoming", ADVISOR),
    ("event.add_outcome", "past", ADVISOR),
    ("event.register", "upcoming", STAFF),
    ("registration.view", "registration", allowed("own", "advisor")),
    ("registration.cancel", "registration", allowed("own")),
    ("follow_up.submit", "attended", allowed("own")),
    ("follow_up.summary", "past", MEMBERS),
    ("material.download", "material", MEMBERS),
    ("site_visit.list", None, allowed("own", "other", "host", "advisor")),
    ("site_visit.request", "case", allowed("own", "other")),
    ("site_visit.view", "visit", allowed("own", "host", "advisor")),
    ("site_visit.decide", "visit", allowed("host")),
    ("site_visit.join", "visit", ADVISOR),
]


def _user(world, persona):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if persona == "anonymous" else world["people"][persona]


def _target(world, key):
    if key == "case":
        return material.of(world["case"])
    return world[key] if key else None


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("action", "target", "expected"), EVENTS_MATRIX, ids=[row[0] for row in EVENTS_MATRIX]
)
def test_events_access_matrix(world, persona, action, target, expected):
    assert access.can(_user(world, persona), action, _target(world, target)) is (persona in expected)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_querysets_follow_the_view_rules(world, persona):
    user = _user(world, persona)
    events = [world[k] for k in ("upcoming", "draft", "past")]
    assert set(policy.events_for(user)) == {e for e in events if access.can(user, "event.view", e)}
    registrations = [world["registration"], world["attended"]]
    assert set(policy.registrations_for(user)) == {
        r for r in registrations if access.can(user, "registration.view", r)
    }
    visible = {world["visit"]} if access.can(user, "site_visit.view", world["visit"]) else set()
    assert set(policy.visits_for(user)) == visible


def test_a_neighbours_staff_see_each_others_registrations_but_not_another_municipalitys(world):
    from tests.factories import member

    colleague = member("staff", world["people"]["own"].current_membership.municipality)
    assert access.can(colleague, "registration.view", world["registration"])
    assert access.can(colleague, "registration.cancel", world["registration"])
    assert not access.can(world["people"]["other"], "registration.view", world["registration"])
