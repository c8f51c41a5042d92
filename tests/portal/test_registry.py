"""The kernel's registries: kept in registration order, a name registered twice refused whole."""

from dataclasses import dataclass

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.registry import Registry


@dataclass(frozen=True)
class Thing:
    name: str


def test_things_are_kept_in_the_order_they_were_registered_and_found_by_name():
    things = Registry("things")
    things.register(Thing("b"), Thing("a"))
    things.register(Thing("c"))
    assert [thing.name for thing in things] == ["b", "a", "c"]
    assert things.get("a") == Thing("a") and "c" in things and things.get("z") is None


@pytest.mark.parametrize("second", [(Thing("a"),), (Thing("new"), Thing("new"))])
def test_a_name_registered_twice_is_refused_and_the_refused_call_registers_nothing(second):
    things = Registry("things")
    things.register(Thing("a"))
    with pytest.raises(ImproperlyConfigured, match="things registered twice"):
        things.register(*second)
    assert [thing.name for thing in things] == ["a"]
