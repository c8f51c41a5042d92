"""Template helpers for case studies: era dates at the precision the source gives."""

import datetime

from django import template

from portal.templatetags.wareki import wareki, wareki_month, wareki_year

register = template.Library()


def wareki_at(day: datetime.date, precision: str = "day") -> str:
    """平成23年（2011年）5月 for a month, 平成25年（2013年） for a year, the full date otherwise."""
    if precision == "year":
        return wareki_year(day)
    if precision == "month":
        return wareki_month(day)
    return wareki(day)


@register.filter
def wareki_precision(value, precision="day"):
    if not isinstance(value, datetime.date):
        return ""
    return wareki_at(value, precision or "day")
