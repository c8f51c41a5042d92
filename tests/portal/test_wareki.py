import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.templatetags.wareki import wareki, wareki_date


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


def test_short_form_leaves_out_the_gregorian_year():
    assert wareki_date(datetime.date(2026, 11, 26), with_gregorian=False) == "令和8年11月26日"


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
