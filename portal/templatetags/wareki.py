"""Dates with the Japanese era, as officials write them: 令和8年（2026年）11月26日, 令和8年（2026年）4月,
令和8年（2026年）, 令和8年（2026年）11月26日 14:05. Other languages get the locale's Gregorian formats."""

import datetime

from django import template
from django.utils import formats, timezone, translation

register = template.Library()

# (first day shown in this era, era name, Gregorian year of its first year 元年). 明治 began in
# 1868, but Japan counted by the Gregorian calendar only from 1873-01-01 (明治6年).
ERAS = [
    (datetime.date(2019, 5, 1), "令和", 2019),
    (datetime.date(1989, 1, 8), "平成", 1989),
    (datetime.date(1926, 12, 25), "昭和", 1926),
    (datetime.date(1912, 7, 30), "大正", 1912),
    (datetime.date(1873, 1, 1), "明治", 1868),
]


def era_year(day: datetime.date) -> tuple[str, int] | None:
    for start, name, first_year in ERAS:
        if day >= start:
            return name, day.year - first_year + 1
    return None


def wareki_year_text(day: datetime.date, with_gregorian: bool = True) -> str:
    """平成23年（2011年）, in the era of `day` itself (so a month is in the era of its first day)."""
    era = era_year(day)
    if era is None:  # before the Gregorian calendar reached Japan: no honest era form
        return f"{day.year}年"
    name, year = era
    year_text = "元" if year == 1 else str(year)
    gregorian = f"（{day.year}年）" if with_gregorian else ""
    return f"{name}{year_text}年{gregorian}"


def wareki_date(day: datetime.date) -> str:
    return f"{wareki_year_text(day)}{day.month}月{day.day}日"


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return value
    return None


@register.filter
def wareki(value):
    """令和8年（2026年）11月26日 in Japanese; the locale's date format in other languages."""
    day = _as_date(value)
    if day is None:
        return ""
    if translation.get_language() != "ja":
        return formats.date_format(day, "DATE_FORMAT")
    return wareki_date(day)


@register.filter
def wareki_month(value):
    """令和8年（2026年）4月 in Japanese (the era of the month's first day); "April 2026" in English."""
    day = _as_date(value)
    if day is None:
        return ""
    if translation.get_language() != "ja":
        return formats.date_format(day, "YEAR_MONTH_FORMAT")
    return f"{wareki_year_text(day.replace(day=1))}{day.month}月"


@register.filter
def wareki_year(value):
    """令和8年（2026年） in Japanese, the era of the given day; "2026" in other languages."""
    day = _as_date(value)
    if day is None:
        return ""
    if translation.get_language() != "ja":
        return str(day.year)
    return wareki_year_text(day)


@register.filter
def wareki_datetime(value):
    """令和8年（2026年）11月26日 14:05 (Tokyo time), for moments where the time matters."""
    if not isinstance(value, datetime.datetime):
        return ""
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    if translation.get_language() != "ja":
        return formats.date_format(moment, "DATETIME_FORMAT")
    return f"{wareki_date(moment.date())} {moment:%H:%M}"
