"""Which municipalities worked on which system area, as the apps register it (in AppConfig.ready()).

The know-how exchange ranks the topics several municipalities share (/knowhow/shared-problems/) from
what every app tells: the desk, which municipalities filed a consultation in an area; know-how, which
asked or said 「うちも同じ」 there. A provider gives counts' raw material only — area, municipality and
when — never what was said, since a consultation is private to its municipalities.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


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


_providers: dict[str, Provider] = {}


def register(*providers: Provider) -> None:
    """Adds providers; refuses a name already registered."""
    names = [provider.name for provider in providers]
    twice = sorted({name for name in names if name in _providers or names.count(name) > 1})
    if twice:
        raise ImproperlyConfigured(f"area activity providers registered twice: {', '.join(twice)}")
    _providers.update((provider.name, provider) for provider in providers)


def since(moment: datetime.datetime) -> list[AreaActivity]:
    """What every registered provider tells from `moment` on."""
    return [activity for provider in _providers.values() for activity in provider.activity(moment)]
