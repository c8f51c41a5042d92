"""The administrative calendar every app counts in: business days (開庁日).

A business day is a weekday that is neither a national holiday (jpholiday: substitute holidays and
citizens' holidays included) nor in the administrative year-end closure, 29 December to 3 January. The
desk's SLA targets count them; a mail that must not go out on a day the offices are closed asks them too.
"""

import datetime

import jpholiday

ONE_DAY = datetime.timedelta(days=1)


def is_year_end_closure(day: datetime.date) -> bool:
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and not is_year_end_closure(day) and not jpholiday.is_holiday(day)


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th business day after `start` (0: `start` itself, or the next business day)."""
    day = start
    if days == 0:
        while not is_business_day(day):
            day += ONE_DAY
        return day
    remaining = days
    while remaining:
        day += ONE_DAY
        if is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many business days lie after `start`, up to and including `end`."""
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_business_day(day):
            count += 1
    return count
