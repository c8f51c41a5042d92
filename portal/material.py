"""What an app lends another to write from, as the owning app registers it (in AppConfig.ready()).

The know-how exchange makes a FAQ from a solved consultation and a question from a case study, without
importing the desk or the case studies: it asks the registered source for the object as `Material`.
A source reads its own object only; whether the asking user may use it is the asking app's rule (an
offer's `visible`, an access action), and the source says what part of it another app may take
(the desk lends its public thread, never the internal notes).
"""

from collections.abc import Callable
from dataclasses import dataclass

from portal.models import Municipality, SystemArea, User
from portal.registry import Registry


@dataclass(frozen=True)
class Material:
    source: str
    pk: int
    # How people refer to it ("C-2026-00012", a case study's title).
    label: str
    title: str
    # What was said, in order (a consultation's body and its public replies), as plain text.
    texts: tuple[str, ...] = ()
    # The names of the people on it, so a text made from it can leave them out.
    people: tuple[str, ...] = ()
    # The municipality whose matter it is (it decides whether its matter becomes public), then the rest.
    owner: Municipality | None = None
    municipalities: tuple[Municipality, ...] = ()
    # Who spoke for the owner (a consultation's requester): they may decide too, even after a move.
    owner_contact: User | None = None
    system_areas: tuple[SystemArea, ...] = ()
    url: str = ""
    # Answered and done (a resolved or closed consultation): only settled matter becomes a FAQ.
    settled: bool = False


@dataclass(frozen=True)
class Source:
    name: str
    model: str
    # The object of `model` with this primary key as Material; None when there is no such object.
    load: Callable[[int], Material | None]


_sources: Registry[Source] = Registry("material sources")


def register(*sources: Source) -> None:
    """Adds sources; refuses a name already registered."""
    _sources.register(*sources)


def get(source: str, pk: int) -> Material | None:
    """Object `pk` of `source` as Material, or None when either is unknown."""
    registered = _sources.get(source)
    return registered.load(pk) if registered is not None else None


def of(obj) -> Material | None:
    """An object as Material, through the source registered for its model (None if there is none)."""
    label = obj._meta.label_lower
    registered = next((source for source in _sources if source.model == label), None)
    return registered.load(obj.pk) if registered is not None else None
