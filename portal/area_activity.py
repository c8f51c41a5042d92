"""Which municipalities worked on which system area, as the apps register it (in AppConfig.ready()).

The know-how exchange ranks the topics several municipalities share (/knowhow/shared-problems/) from
what every app tells: the desk, which municipalities filed a consultation in an area; know-how, which
asked or said 「うちも同じ」 there. A provider gives counts' raw material only — area, municipality and
when — never what was said, since a consultation is private to its municipalities.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from portal.registry import Registry


@dataclass(frozen=True)
class AreaActivity:
    system_area_id: int
    municipality_id: int
    # The latest time the municipality worked on the area in the period.
    at: datetime.datetime
    # Taken part without being named (an anonymous question): count it, name it only to who may know.
    anonymous: bool = False


@dataclass(frozen=True)
class Provider:
    name: str
    # Everything from `since` on; a municipality may come more than once for an area.
    activity: Callable[[datetime.datetime], Iterable[AreaActivity]]


_providers: Registry[Provider] = Registry("area activity providers")


def register(*providers: Provider) -> None:
    """Adds providers; refuses a name already registered."""
    _providers.register(*providers)


def since(moment: datetime.datetime) -> list[AreaActivity]:
    """What every registered provider tells from `moment` on."""
    return [activity for provider in _providers for activity in provider.activity(moment)]
