"""Counting the queries that found nothing, per week, without recording who asked."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from search.models import ZeroResultQuery

MAX_LENGTH = 200


def week_of(day: datetime.date) -> datetime.date:
    """The Monday that starts the week of ``day``."""
    return day - datetime.timedelta(days=day.weekday())


def normalize(text: str) -> str:
    return " ".join(text.split())[:MAX_LENGTH]


def record(text: str) -> None:
    """Add one to this week's count for ``text`` (two requests at once both count)."""
    text = normalize(text)
    if not text:
        return
    week = week_of(timezone.localdate())
    if ZeroResultQuery.objects.filter(week=week, text=text).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            ZeroResultQuery.objects.create(week=week, text=text, count=1)
    except IntegrityError:  # another request created the row between our update and insert
        ZeroResultQuery.objects.filter(week=week, text=text).update(count=F("count") + 1)


def by_week(weeks: int = 12, per_week: int = 50) -> list[tuple[datetime.date, list[ZeroResultQuery]]]:
    """The last ``weeks`` weeks, newest first, each with its most frequent queries first."""
    since = week_of(timezone.localdate()) - datetime.timedelta(weeks=weeks - 1)
    grouped: dict[datetime.date, list[ZeroResultQuery]] = {}
    for row in ZeroResultQuery.objects.filter(week__gte=since).order_by("-week", "-count", "text"):
        rows = grouped.setdefault(row.week, [])
        if len(rows) < per_week:
            rows.append(row)
    return list(grouped.items())
