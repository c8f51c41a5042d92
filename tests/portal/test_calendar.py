"""Business days (開庁日): national holidays, substitute and citizens' holidays, the year-end closure and
the era change."""

import datetime

import pytest

from portal import calendar

D = datetime.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 11, 26), True),  # an ordinary Thursday
        (D(2026, 11, 28), False),  # Saturday
        (D(2026, 11, 23), False),  # 勤労感謝の日
        (D(2026, 5, 6), False),  # 振替休日 for 憲法記念日 on a Sunday
        (D(2026, 9, 22), False),  # 国民の休日 between 敬老の日 and 秋分の日
        (D(2026, 12, 28), True),  # the last working day of the year
        (D(2026, 12, 29), False),  # year-end closure
        (D(2027, 1, 3), False),
        (D(2027, 1, 4), True),
    ],
)
def test_business_day_calendar(day, expected):
    assert calendar.is_business_day(day) is expected


def test_golden_week_is_skipped():
    # Filed on Friday 1 May 2026: 3, 4, 5 May are holidays and 6 May substitutes for 3 May.
    assert calendar.add_business_days(D(2026, 5, 1), 1) == D(2026, 5, 7)
    assert calendar.add_business_days(D(2026, 4, 28), 2) == D(2026, 5, 1)  # 29 April (昭和の日) skipped


def test_year_end_closure_is_skipped():
    assert calendar.add_business_days(D(2026, 12, 28), 1) == D(2027, 1, 4)
    assert calendar.add_business_days(D(2026, 12, 25), 3) == D(2027, 1, 5)


def test_substitute_holiday_is_not_a_business_day():
    # 11 February 2029 (建国記念の日) is a Sunday: Monday 12 February is its substitute.
    assert calendar.add_business_days(D(2029, 2, 9), 1) == D(2029, 2, 13)


def test_the_era_change_holidays_of_2019_are_skipped():
    # 27 April – 6 May 2019: the ten-day break around the enthronement (令和元年).
    assert calendar.add_business_days(D(2019, 4, 26), 1) == D(2019, 5, 7)


def test_zero_days_means_the_next_business_day_when_filed_on_a_holiday():
    assert calendar.add_business_days(D(2026, 11, 28), 0) == D(2026, 11, 30)


def test_business_days_between_counts_the_days_after_the_start():
    assert calendar.business_days_between(D(2026, 11, 26), D(2026, 11, 30)) == 2  # Fri + Mon
    assert calendar.business_days_between(D(2026, 11, 26), D(2026, 11, 26)) == 0
