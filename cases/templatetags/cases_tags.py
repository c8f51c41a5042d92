"""Template helpers for case studies: era dates at the precision the source gives."""

import datetime

from django import template
from django.utils import formats, translation

from portal.templatetags.wareki import era_year, wareki_date

register = template.Library()


def wareki_at(day: datetime.date, precision: str = "day") -> str:
    """平成23年（2011年）5月 for a month, 平成25年（2013年） for a year, the full date otherwise."""
    if translation.get_language() != "ja":
        if precision == "year":
            return str(day.year)
        if precision in {"month", "month-short"}:
            return formats.date_format(day, "YEAR_MONTH_FORMAT")
        return formats.date_format(day, "DATE_FORMAT")
    if precision == "day":
        return wareki_date(day)
    era = era_year(day)
    if era is None:  # before 明治6年 (1873): no era form, as wareki_date does
        return f"{day.year}年" + (f"{day.month}月" if precision in {"month", "month-short"} else "")
    name, year = era
    year_text = "元" if year == 1 else str(year)
    gregorian = "" if precision == "month-short" else f"（{day.year}年）"
    text = f"{name}{year_text}年{gregorian}"
    return text + (f"{day.month}月" if precision in {"month", "month-short"} else "")


@register.filter
def wareki_precision(value, precision="day"):
    if not isinstance(value, datetime.date):
        return ""
    return wareki_at(value, precision or "day")
