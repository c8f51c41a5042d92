"""Feeds into a municipality's system inventory, as the apps offer them (in their AppConfig.ready()).

The inventory belongs to the procurement workspace; a survey (照会) asks municipalities the same things
(one row per system). The apps never import each other, so the inventory's app registers a Feed: the
row keys it reads (with the labels a survey's table shows) and `apply`, which writes one
municipality's rows, checking its own rules. The survey side reads the columns from here and hands
the rows back; a refused row raises FeedError with the message the page shows, and nothing is saved.

`preview(*, municipality, rows)` says what `apply` would do (a list of FeedChange), without writing;
`apply(*, actor, municipality, rows)` writes them in one transaction and returns the changes made.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from portal.registry import Registry


class FeedError(Exception):
    """Rows a feed refuses, with a message per refused row (「3行目：…」)."""

    def __init__(self, messages: Sequence[str]):
        super().__init__(" ".join(messages))
        self.messages = list(messages)


@dataclass(frozen=True)
class Column:
    key: str  # the row key the feed reads
    label: str  # the column's name in a survey's table (Japanese; translated where shown)
    kind: str  # text / number / date, as a survey's table column


@dataclass(frozen=True)
class FeedChange:
    row: int  # 1-based, as the municipality numbers its rows
    action: str  # "create" or "update"
    summary: str  # what the row is, e.g. 「住民記録 住民情報システム」
    detail: str = ""  # what it says of it, e.g. the vendor and the contract period


@dataclass(frozen=True)
class Feed:
    slug: str
    label: str
    columns: tuple[Column, ...]
    preview: Callable[..., list[FeedChange]]
    apply: Callable[..., list[FeedChange]]


_feeds: Registry[Feed] = Registry("inventory feeds", key="slug")


def register(*feeds: Feed) -> None:
    """Adds feeds; refuses a slug already registered."""
    _feeds.register(*feeds)


def get(slug: str) -> Feed | None:
    return _feeds.get(slug)


def registered() -> list[Feed]:
    """Every feed, in the order registered (the builder's choice)."""
    return list(_feeds)
