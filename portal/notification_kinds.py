"""The kinds of notice the apps send, as they register them (in their AppConfig.ready()).

A kind says what its notice reads like (`message(params)`, in the active language, so each reader gets
their own), whether a user may turn it off, and which of a user's notices of that kind they may still
see: `visible(user)` is a filter over Notification, so the list, its pages and the unread count stay one
query. This module imports no model: portal.models asks it for the sentence and to validate a kind.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.registry import Registry


def everything_of_ones_own(user) -> Q:
    return Q()


@dataclass(frozen=True)
class NotificationKind:
    slug: str
    label: str
    message: Callable[[dict], str]
    # A notice that one's own account is being handed over is not a preference: such kinds are not mutable.
    mutable: bool = True
    visible: Callable[[object], Q] = everything_of_ones_own


_kinds: Registry[NotificationKind] = Registry("notification kinds", key="slug")


def register(*kinds: NotificationKind) -> None:
    """Adds kinds; a slug already registered is a configuration error, never a silent override."""
    _kinds.register(*kinds)


def get(slug: str) -> NotificationKind | None:
    return _kinds.get(slug)


def registered() -> list[NotificationKind]:
    """Every kind, in the order the apps registered them."""
    return list(_kinds)


def mutable() -> list[NotificationKind]:
    return [kind for kind in _kinds if kind.mutable]


def validate_kind(value: str) -> None:
    if value not in _kinds:
        raise ValidationError(_("登録されていない通知の種類です。"), code="unknown_kind")


def visible_q(user, *, kinds: Collection[str] | None = None) -> Q:
    """Which of a user's notices they may still see: each kind's own filter, kinds sharing a filter
    grouped, so the query stays short however many kinds there are. Given `kinds` (slugs), only notices
    of those kinds, with only their filters: cheaper to build when the caller knows which kinds it has."""
    by_filter: dict[Callable, list[str]] = {}
    for kind in _kinds:
        if kinds is None or kind.slug in kinds:
            by_filter.setdefault(kind.visible, []).append(kind.slug)
    q = Q(pk__in=[])
    for visible, slugs in by_filter.items():
        q |= Q(kind__in=slugs) & visible(user)
    return q
