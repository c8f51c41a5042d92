"""The kernel's registries for shared problems: who worked on which system area, and how joint work starts."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from portal import area_activity, joint_work


@pytest.fixture
def own_registries(monkeypatch):
    monkeypatch.setattr(area_activity._providers, "_items", {})
    monkeypatch.setattr(joint_work._starters, "_items", {})


def test_activity_comes_from_every_registered_provider_from_the_moment_asked(own_registries):
    now = timezone.now()
    asked = []

    def desk(since):
        asked.append(since)
        return [area_activity.AreaActivity(system_area_id=1, municipality_id=2, at=now)]

    def exchange(since):
        return [area_activity.AreaActivity(system_area_id=1, municipality_id=3, at=now, anonymous=True)]

    area_activity.register(area_activity.Provider("desk", desk), area_activity.Provider("exchange", exchange))
    since = now - datetime.timedelta(days=365)

    found = area_activity.since(since)

    assert [(a.municipality_id, a.anonymous) for a in found] == [(2, False), (3, True)]
    assert asked == [since]


def test_an_area_activity_provider_registered_twice_is_refused(own_registries):
    provider = area_activity.Provider("twice", lambda since: [])
    area_activity.register(provider)
    with pytest.raises(ImproperlyConfigured):
        area_activity.register(provider)


def test_starters_come_in_their_order_and_are_found_by_name(own_registries):
    later = joint_work.Starter("later", "B", "invite B", url=lambda m, a: "/b/", order=600)
    first = joint_work.Starter("first", "A", "invite A", url=lambda m, a: "/a/", order=100)
    joint_work.register(later, first)

    assert [starter.name for starter in joint_work.starters()] == ["first", "later"]
    assert joint_work.get("later") is later
    assert joint_work.get("unknown") is None
    with pytest.raises(ImproperlyConfigured):
        joint_work.register(joint_work.Starter("first", "A", "invite A", url=lambda m, a: "/"))
