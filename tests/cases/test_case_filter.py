"""The case list's FilterSet on its own: defaults, an invalid value dropped, ordering."""

import datetime
from decimal import Decimal

import pytest
from django.http import QueryDict

from cases import selectors
from cases.filters import CaseFilter
from tests.factories import MunicipalityFactory, case_study

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    town = MunicipalityFactory(name="中町", kana="なかちょう", district="北葛城郡", population=25000)
    city = MunicipalityFactory(name="大市", kana="おおし", district="", population=120000)
    case_study(
        title="古い共同クラウド",
        arrangement="joint_cloud",
        municipalities=[town, city],
        cost_reduction_percent=Decimal("10"),
        milestones=[("go_live", datetime.date(2011, 5, 1))],
    )
    case_study(
        title="新しい単独クラウド",
        arrangement="single_cloud",
        municipalities=[city],
        cost_reduction_percent=Decimal("40"),
        milestones=[("go_live", datetime.date(2015, 4, 1))],
    )


def titles(query):
    data = QueryDict(query) if query is not None else None
    return [case.title for case in CaseFilter(data, selectors.live_cases()).qs]


def test_without_a_query_every_case_is_listed_newest_go_live_first(cases):
    assert titles(None) == ["新しい単独クラウド", "古い共同クラウド"]


def test_an_invalid_filter_is_dropped_and_the_others_still_apply(cases):
    assert titles("arrangement=no-such-thing&district=北葛城郡") == ["古い共同クラウド"]
    assert titles("go_live_year=abc") == ["新しい単独クラウド", "古い共同クラウド"]


def test_an_unknown_order_falls_back_to_newest_first(cases):
    assert titles("sort=no-such-order") == ["新しい単独クラウド", "古い共同クラウド"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("saving", ["新しい単独クラウド", "古い共同クラウド"]),
        ("members", ["古い共同クラウド", "新しい単独クラウド"]),
    ],
)
def test_the_chosen_order_is_applied(cases, sort, expected):
    assert titles(f"sort={sort}") == expected


def test_the_go_live_year_is_offered_from_the_live_cases_and_narrows_the_list(cases):
    years = [
        value
        for value, _label in CaseFilter(None, selectors.live_cases()).form.fields["go_live_year"].choices
    ]
    assert years == ["", 2011, 2015]
    assert titles("go_live_year=2015") == ["新しい単独クラウド"]
