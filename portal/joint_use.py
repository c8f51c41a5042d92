"""Which existing joint-use or cloud groups a municipality takes part in, as the apps tell it (in their
AppConfig.ready()).

The adoption status table belongs to the case studies app; the partner finder of the procurement
workspaces needs to know that two municipalities already share a system, but the apps never import
each other. A provider is a callable returning (group name, member municipality ids, system) tuples;
this module gathers them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from portal.registry import Registry


@dataclass(frozen=True)
class JointUseGroup:
    name: str
    member_ids: frozenset[int]
    system: str


@dataclass(frozen=True)
class Provider:
    name: str
    groups: Callable[[], Iterable[tuple[str, Iterable[int], str]]]


_providers: Registry[Provider] = Registry("joint-use group providers")


def register(*providers: Provider) -> None:
    """Adds providers; refuses a name already registered."""
    _providers.register(*providers)


def groups() -> list[JointUseGroup]:
    """Every group every provider knows of, in the order the providers were registered."""
    return [
        JointUseGroup(name=name, member_ids=frozenset(member_ids), system=system)
        for provider in _providers
        for name, member_ids, system in provider.groups()
    ]


def groups_of(municipality_id: int) -> list[JointUseGroup]:
    """The groups the municipality takes part in."""
    return [group for group in groups() if municipality_id in group.member_ids]
