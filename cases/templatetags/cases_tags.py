"""Template helpers for case studies: era dates at the precision the source gives."""

import datetime

from django import template

from cases.models import DatePrecision
from portal.templatetags.wareki import wareki, wareki_month, wareki_year

register = template.Library()


def wareki_at(day: datetime.date, precision: str = DatePrecision.DAY) -> str:
    """平成23年（2011年）5月 for a month, 平成25年（2013年） for a year, the full date otherwise."""
    if precision == DatePrecision.YEAR:
        return wareki_year(day)
    if precision == DatePrecision.MONTH:
        return wareki_month(day)
    return wareki(day)


@register.filter
def wareki_precision(value, precision=DatePrecision.DAY):
    if not isinstance(value, datetime.date):
        return ""
    return wareki_at(value, precision or DatePrecision.DAY)
