"""Ways to start joint work with a group of municipalities, as the apps register them (AppConfig.ready()).

When several municipalities share a problem, an advisor invites them to work on it together. What they
start is another app's: the desk registers 「共同で相談する」 (its new-consultation form with the others as
partners); joint-procurement workspaces will register theirs. A starter's `url` is the page a member of
staff of one of the municipalities opens to start; that page leaves their own municipality out of the
partners, so one link serves every municipality invited.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from portal.models import Municipality, SystemArea
from portal.registry import Registry


@dataclass(frozen=True)
class Starter:
    name: str
    # What staff press (「共同で相談する」) and what an advisor invites to (「共同相談を呼びかける」).
    label: str
    invite_label: str
    url: Callable[[Sequence[Municipality], Sequence[SystemArea]], str]
    order: int = 500


_starters: Registry[Starter] = Registry("joint work starters")


def register(*starters: Starter) -> None:
    """Adds starters; refuses a name already registered."""
    _starters.register(*starters)


def starters() -> list[Starter]:
    """Every starter, smaller `order` first."""
    return sorted(_starters, key=lambda starter: starter.order)


def get(name: str) -> Starter | None:
    return _starters.get(name)
