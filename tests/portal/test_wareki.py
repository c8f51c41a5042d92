import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.templatetags.wareki import wareki, wareki_date, wareki_datetime, wareki_month, wareki_year


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 11, 26), "令和8年（2026年）11月26日"),
        (datetime.date(2019, 4, 30), "平成31年（2019年）4月30日"),
        (datetime.date(2019, 5, 1), "令和元年（2019年）5月1日"),
        (datetime.date(2020, 1, 1), "令和2年（2020年）1月1日"),
        (datetime.date(1989, 1, 7), "昭和64年（1989年）1月7日"),
        (datetime.date(1989, 1, 8), "平成元年（1989年）1月8日"),
        (datetime.date(2011, 5, 1), "平成23年（2011年）5月1日"),
        (datetime.date(1926, 12, 25), "昭和元年（1926年）12月25日"),
        (datetime.date(1912, 7, 30), "大正元年（1912年）7月30日"),
        (datetime.date(1900, 1, 1), "明治33年（1900年）1月1日"),
        (datetime.date(1873, 1, 1), "明治6年（1873年）1月1日"),
        (datetime.date(1872, 12, 31), "1872年12月31日"),
    ],
)
def test_wareki_date_is_correct_at_era_boundaries(day, expected):
    assert wareki_date(day) == expected


def test_aware_datetime_is_shown_in_tokyo_time():
    # 2019-04-30 15:30 UTC is already 1 May in Tokyo: the first day of 令和.
    moment = datetime.datetime(2019, 4, 30, 15, 30, tzinfo=datetime.UTC)
    with translation.override("ja"):
        assert wareki(moment) == "令和元年（2019年）5月1日"


def test_filter_is_available_in_every_template_and_gregorian_in_english():
    template = Template("{{ day|wareki }}")
    context = Context({"day": datetime.date(2026, 11, 26)})
    with translation.override("ja"):
        assert template.render(context) == "令和8年（2026年）11月26日"
    with translation.override("en"):
        assert "2026" in template.render(context)
        assert "令和" not in template.render(context)


def test_empty_value_renders_nothing():
    assert wareki(None) == ""


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2026, 4, 1), "令和8年（2026年）4月"),
        (datetime.date(2019, 4, 30), "平成31年（2019年）4月"),
        (datetime.date(2019, 5, 1), "令和元年（2019年）5月"),
        (datetime.date(1989, 1, 7), "昭和64年（1989年）1月"),
        (datetime.date(1989, 2, 1), "平成元年（1989年）2月"),
        (datetime.date(2011, 5, 1), "平成23年（2011年）5月"),
        (datetime.date(1870, 4, 1), "1870年4月"),
    ],
)
def test_month_labels_carry_the_era_and_the_gregorian_year(day, expected):
    with translation.override("ja"):
        assert wareki_month(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2012, 1, 1), "平成24年（2012年）"),
        (datetime.date(2019, 4, 1), "平成31年（2019年）"),
        (datetime.date(2019, 5, 1), "令和元年（2019年）"),
        (datetime.date(2026, 1, 1), "令和8年（2026年）"),
        (datetime.date(1850, 6, 1), "1850年"),
    ],
)
def test_year_labels_carry_the_era_and_the_gregorian_year(day, expected):
    with translation.override("ja"):
        assert wareki_year(day) == expected


def test_date_and_time_together_in_tokyo_time():
    moment = datetime.datetime(2026, 11, 26, 5, 5, tzinfo=datetime.UTC)
    with translation.override("ja"):
        assert wareki_datetime(moment) == "令和8年（2026年）11月26日 14:05"


def test_english_readers_get_gregorian_months_years_and_times():
    day = datetime.date(2026, 4, 1)
    moment = datetime.datetime(2026, 11, 26, 5, 5, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert wareki_month(day) == "April 2026"
        assert wareki_year(day) == "2026"
        assert wareki_datetime(moment) == "Nov. 26, 2026, 2:05 p.m."


def test_month_year_and_datetime_filters_render_nothing_for_empty_values():
    assert wareki_month(None) == wareki_year("") == wareki_datetime(None) == ""


def test_the_month_filter_is_available_in_templates():
    template = Template("{{ day|wareki_month }} / {{ day|wareki_year }}")
    with translation.override("ja"):
        rendered = template.render(Context({"day": datetime.date(2019, 5, 1)}))
    assert rendered == "令和元年（2019年）5月 / 令和元年（2019年）"
