"""Drafting a case study from another app's matter, as the case-studies app registers it (in its
AppConfig.ready()).

A joint-procurement group that went live turns what it learned into a case study, but procurement does
not know the case-studies app: it calls `draft(CaseDraftRequest(...))` with plain data, and the
registered drafter makes an unpublished case page and submits it to its 決裁 (approval) workflow.
The drafter answers with the page's reference, and `edit_url(user, reference)` is its editing page in
Wagtail's admin for a user who may edit it ("" for anyone else, or once the page is gone).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.core.exceptions import ImproperlyConfigured

from portal.models import Municipality, User
from portal.registry import Registry


class Organisation(StrEnum):
    """How the members are tied, in the words case studies use."""

    VOLUNTARY = "voluntary"
    REGIONAL_UNION = "regional_union"
    PARTIAL_UNION = "partial_union"


class Step(StrEnum):
    """What a timeline row marks."""

    STUDY_START = "study_start"
    PROCUREMENT = "procurement"
    CONTRACT = "contract"
    GO_LIVE = "go_live"
    OTHER = "other"


@dataclass(frozen=True)
class TimelineRow:
    step: Step
    date: datetime.date
    label: str = ""


@dataclass(frozen=True)
class Figure:
    """A measured result: what it measures, before and after (as the page should show them)."""

    metric: str
    before: str = ""
    after: str = ""
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class CaseDraftRequest:
    title: str
    summary: str
    # A stable short name of the matter (the workspace's slug), from which the page's slug is made.
    key: str
    municipalities: tuple[Municipality, ...]
    organisation: Organisation
    timeline: tuple[TimelineRow, ...]
    figures: tuple[Figure, ...]
    lessons: str
    actor: User
    business_area_count: int | None = None
    cost_reduction_percent: Decimal | None = None
    source_note: str = ""


class CaseDraftError(Exception):
    """The draft could not be made; the message is for the user."""


@dataclass(frozen=True)
class Drafter:
    name: str
    # Makes the draft and submits it to the 決裁; returns the page's reference (its id).
    draft: Callable[[CaseDraftRequest], int]
    edit_url: Callable[[User, int], str]


_drafters: Registry[Drafter] = Registry("case drafters")


def register(*drafters: Drafter) -> None:
    """Adds a drafter; refuses a name already registered."""
    _drafters.register(*drafters)


def _drafter() -> Drafter:
    drafters = list(_drafters)
    if len(drafters) != 1:
        raise ImproperlyConfigured(f"exactly one case drafter must be registered, found {len(drafters)}")
    return drafters[0]


def draft(request: CaseDraftRequest) -> int:
    """The registered drafter's draft of `request` (raises CaseDraftError with a message for the user)."""
    return _drafter().draft(request)


def edit_url(user: User, reference: int) -> str:
    """Where `user` edits the draft in the admin, or "" if they may not (or it is gone)."""
    return _drafter().edit_url(user, reference)
