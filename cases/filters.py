"""The case list's filters (django-filter), over the live, public case studies."""

import datetime

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from cases import selectors
from cases.models import (
    Arrangement,
    CaseStudyPage,
    DatePrecision,
    Milestone,
    Organisation,
    PopulationBand,
    Purpose,
    System,
)
from cases.templatetags.cases_tags import wareki_at
from portal.filters import ListFilter, SortFilter
from portal.models import Municipality
from portal.selectors import district_choices

EVERYTHING = _("すべて")


def _cases_with_members(members):
    return CaseStudyPage.municipalities.through.objects.filter(municipality__in=members).values(
        "casestudypage"
    )


class CaseFilter(ListFilter):
    """The browse filters; every filter is optional and an invalid one is dropped, not the page."""

    orders = {
        "newest": (F("first_go_live_date").desc(nulls_last=True), "title"),
        "saving": (F("cost_reduction_percent").desc(nulls_last=True), "title"),
        "members": (F("member_total").desc(), "title"),
    }

    arrangement = django_filters.ChoiceFilter(
        label=_("導入形態"), empty_label=EVERYTHING, choices=Arrangement.choices
    )
    organisation = django_filters.ChoiceFilter(
        label=_("組織形態"), empty_label=EVERYTHING, choices=Organisation.choices
    )
    purpose = django_filters.ChoiceFilter(
        label=_("主な目的"), empty_label=EVERYTHING, choices=Purpose.choices
    )
    system = django_filters.ChoiceFilter(
        label=_("対象システム"), empty_label=EVERYTHING, choices=System.choices
    )
    population_band = django_filters.ChoiceFilter(
        label=_("参加団体の人口規模"),
        empty_label=EVERYTHING,
        choices=PopulationBand.choices,
        method="filter_population_band",
    )
    go_live_year = django_filters.TypedChoiceFilter(
        label=_("稼働開始年"), coerce=int, empty_value=None, method="filter_go_live_year"
    )
    district = django_filters.ChoiceFilter(label=_("郡"), empty_label=EVERYTHING, method="filter_district")
    sort = SortFilter(
        label=_("並べ替え"),
        choices=[
            ("newest", _("稼働が新しい順")),
            ("saving", _("経費削減率が大きい順")),
            ("members", _("参加団体が多い順")),
        ],
    )

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        years = [
            (year, wareki_at(datetime.date(year, 1, 1), DatePrecision.YEAR))
            for year in selectors.go_live_years()
        ]
        self.filters["go_live_year"].extra["choices"] = [("", EVERYTHING), *years]
        self.filters["district"].extra["choices"] = district_choices()

    def filter_population_band(self, queryset, name, value):
        low, high = PopulationBand.bounds(value)
        members = Municipality.objects.filter(population__gte=low)
        if high is not None:
            members = members.filter(population__lt=high)
        return queryset.filter(pk__in=_cases_with_members(members))

    def filter_district(self, queryset, name, value):
        return queryset.filter(pk__in=_cases_with_members(Municipality.objects.filter(district=value)))

    def filter_go_live_year(self, queryset, name, value):
        go_live = Milestone.objects.filter(kind=Milestone.Kind.GO_LIVE, date__year=value)
        return queryset.filter(pk__in=go_live.values("page"))
