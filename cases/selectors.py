"""Reads for case studies and the adoption status. Only live, public pages leave this module:
drafts are seen in Wagtail's admin and nowhere else."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import (
    STALE_AFTER_DAYS,
    AdoptionGroup,
    Arrangement,
    CaseStudyPage,
    Milestone,
    PopulationBand,
    StatedTotal,
    SuccessFactor,
    System,
)
from cases.templatetags.cases_tags import wareki_at
from portal.localize import names
from portal.models import Municipality

MAX_COMPARED = 4


def live_cases() -> QuerySet[CaseStudyPage]:
    first_go_live = (
        Milestone.objects.filter(page=OuterRef("pk"), kind=Milestone.Kind.GO_LIVE)
        .order_by()
        .values("page")
        .annotate(first=Min("date"))
        .values("first")
    )
    first_go_live_precision = Milestone.objects.filter(
        page=OuterRef("pk"), kind=Milestone.Kind.GO_LIVE
    ).order_by("date", "sort_order", "pk")
    member_count = (
        CaseStudyPage.municipalities.through.objects.filter(casestudypage=OuterRef("pk"))
        .order_by()
        .values("casestudypage")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        CaseStudyPage.objects.live()
        .public()
        .annotate(
            first_go_live_date=Subquery(first_go_live),
            first_go_live_precision=Subquery(first_go_live_precision.values("precision")[:1]),
            member_total=Coalesce(Subquery(member_count, output_field=IntegerField()), 0),
        )
        .prefetch_related("municipalities")
    )


def go_live_years() -> list[int]:
    dates = Milestone.objects.filter(kind=Milestone.Kind.GO_LIVE, page__live=True).dates("date", "year")
    return sorted({d.year for d in dates})


def stale_cases() -> QuerySet[CaseStudyPage]:
    """Live cases not confirmed within the last 12 months (or never), oldest confirmation first."""
    limit = timezone.localdate() - datetime.timedelta(days=STALE_AFTER_DAYS)
    return (
        CaseStudyPage.objects.live()
        .filter(Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=limit))
        .order_by(F("last_confirmed").asc(nulls_first=True), "title")
    )


def cases_by_ids(ids: list[int]) -> list[CaseStudyPage]:
    """Live cases for the given ids, in the given order, at most MAX_COMPARED."""
    found = {
        case.pk: case
        for case in live_cases()
        .filter(pk__in=ids)
        .prefetch_related("milestones", "results", "success_factors")
    }
    return [found[pk] for pk in ids if pk in found][:MAX_COMPARED]


# --- comparison -------------------------------------------------------------------------------
@dataclass
class ComparisonRow:
    label: str
    values: list[str]

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


def _months(value: int | None) -> str:
    return ngettext("%(n)sか月", "%(n)sか月", value) % {"n": value} if value is not None else "—"


def _date_at(case: CaseStudyPage, kind: str) -> str:
    candidates = [m for m in case.milestones.all() if m.kind == kind]
    if not candidates:
        return "—"
    first = min(candidates, key=lambda m: m.date)
    return wareki_at(first.date, first.precision)


def comparison_rows(cases: list[CaseStudyPage]) -> list[ComparisonRow]:
    def row(label, getter):
        return ComparisonRow(str(label), [getter(case) or "—" for case in cases])

    return [
        row(_("導入形態"), lambda c: c.get_arrangement_display()),
        row(_("組織形態"), lambda c: c.get_organisation_display()),
        row(_("主な目的"), lambda c: c.get_purpose_display()),
        row(_("対象システム"), lambda c: c.get_system_display()),
        row(_("業務数"), lambda c: str(c.business_area_count) if c.business_area_count is not None else ""),
        row(_("参加団体数"), lambda c: str(c.member_count)),
        row(_("参加団体"), lambda c: names([*c.municipalities.all(), *c.other_body_list])),
        row(_("事業者"), lambda c: c.vendor),
        row(_("調達方式"), lambda c: c.procurement_method),
        row(
            _("経費削減率"),
            lambda c: (
                f"{c.cost_reduction_percent.normalize():f}%" if c.cost_reduction_percent is not None else ""
            ),
        ),
        row(_("最初の稼働"), lambda c: _date_at(c, Milestone.Kind.GO_LIVE)),
        row(_("検討開始から調達まで"), lambda c: _months(c.study_to_procurement_months)),
        row(_("調達から最初の稼働まで"), lambda c: _months(c.procurement_to_go_live_months)),
        row(_("成功要因"), lambda c: names(c.success_factors.all(), alphabetical=False)),
        row(
            _("情報の時点"),
            lambda c: (
                wareki_at(c.information_as_of, c.information_as_of_precision) if c.information_as_of else ""
            ),
        ),
    ]


# --- cases like mine --------------------------------------------------------------------------
@dataclass
class SimilarCase:
    case: CaseStudyPage
    reasons: list[str] = field(default_factory=list)


def cases_like(municipality: Municipality, *, limit: int = 5) -> list[SimilarCase]:
    """Live cases whose members resemble the municipality, with the reasons why, best first.

    The database ranks the cases (one query, whatever the number of cases); only `limit` are read.
    """
    members = CaseStudyPage.municipalities.through.objects.filter(casestudypage=OuterRef("pk"))
    others = members.exclude(municipality=municipality)
    false = Value(False, output_field=BooleanField())
    band = PopulationBand.of(municipality.population)
    if band:
        low, high = PopulationBand.bounds(band)
        in_band = others.filter(municipality__population__gte=low)
        if high is not None:
            in_band = in_band.filter(municipality__population__lt=high)
    checks = {
        "is_member": Exists(members.filter(municipality=municipality)),
        "same_band": Exists(in_band) if band else false,
        "same_district": Exists(others.filter(municipality__district=municipality.district))
        if municipality.district
        else false,
        "same_kind": Exists(others.filter(municipality__kind=municipality.kind)),
    }
    score = sum((Cast(check, IntegerField()) for check in checks.values()), Value(0))
    ranked = (
        live_cases()
        .annotate(**checks)
        .annotate(resemblance=score)
        .filter(resemblance__gt=0)
        .order_by("-resemblance", "title")[:limit]
    )
    labels = {
        "is_member": _("自団体が参加"),
        "same_band": _("人口規模が近い"),
        "same_district": _("同じ郡"),
        "same_kind": _("同じ種別（%(kind)s）") % {"kind": municipality.get_kind_display()},
    }
    return [SimilarCase(case, [labels[name] for name in checks if getattr(case, name)]) for case in ranked]


def cases_for_factors(factor_ids: list[int], *, limit: int = 5) -> list[CaseStudyPage]:
    """Live cases that show the given success factors, those showing the most first."""
    if not factor_ids:
        return []
    return list(
        live_cases()
        .annotate(matched=Count("success_factors", filter=Q(success_factors__in=factor_ids), distinct=True))
        .filter(matched__gt=0)
        .order_by("-matched", "title")[:limit]
    )


def readiness_factors() -> QuerySet[SuccessFactor]:
    return SuccessFactor.objects.exclude(question="").order_by("sort_order", "pk")


# --- adoption status --------------------------------------------------------------------------
MATRIX_SYSTEMS = [System.CORE, System.KOSEKI, System.PAYROLL, System.FINANCE, System.PROPERTY]


@dataclass
class MatrixRow:
    municipality: Municipality
    cells: list[list[AdoptionGroup]]


@dataclass
class TotalComparison:
    label: str
    counted: int
    stated: StatedTotal | None

    @property
    def agrees(self) -> bool | None:
        return None if self.stated is None else self.stated.value == self.counted


@dataclass
class AdoptionStatus:
    groups: list[AdoptionGroup]
    rows: list[MatrixRow]
    systems: list[tuple[str, str]]
    counted_by_system: list[int]
    totals: list[TotalComparison]
    by_arrangement: list[tuple[str, int]]
    municipality_count: int


def _distinct_members(groups, predicate) -> int:
    return len({m.pk for g in groups if predicate(g) for m in g.members.all()})


def adoption_status() -> AdoptionStatus:
    groups = list(AdoptionGroup.objects.prefetch_related("members").select_related("case_study"))
    municipalities = list(Municipality.in_display_order())
    by_municipality: dict[int, dict[str, list[AdoptionGroup]]] = {}
    for group in groups:
        for member in group.members.all():
            by_municipality.setdefault(member.pk, {}).setdefault(group.system, []).append(group)
    rows = [
        MatrixRow(m, [by_municipality.get(m.pk, {}).get(system, []) for system in MATRIX_SYSTEMS])
        for m in municipalities
    ]
    counted_by_system = [
        _distinct_members(groups, lambda g, s=system: g.system == s) for system in MATRIX_SYSTEMS
    ]
    stated = {total.scope: total for total in StatedTotal.objects.all()}
    totals = [
        TotalComparison(
            StatedTotal.Scope.CLOUD.label,
            _distinct_members(groups, lambda g: g.system == System.CORE and g.is_cloud),
            stated.get(StatedTotal.Scope.CLOUD),
        ),
        TotalComparison(
            StatedTotal.Scope.CORE_JOINT_USE.label,
            _distinct_members(
                groups, lambda g: g.system == System.CORE and g.arrangement == Arrangement.JOINT_USE
            ),
            stated.get(StatedTotal.Scope.CORE_JOINT_USE),
        ),
        TotalComparison(
            StatedTotal.Scope.KOSEKI_JOINT_USE.label,
            _distinct_members(
                groups, lambda g: g.system == System.KOSEKI and g.arrangement == Arrangement.JOINT_USE
            ),
            stated.get(StatedTotal.Scope.KOSEKI_JOINT_USE),
        ),
    ]
    core_arrangement: dict[int, str] = {}
    for group in sorted(groups, key=lambda g: g.start):
        if group.system == System.CORE:
            for member in group.members.all():
                core_arrangement.setdefault(member.pk, group.arrangement)
    by_arrangement = [
        (label, sum(1 for a in core_arrangement.values() if a == value))
        for value, label in Arrangement.choices
    ]
    by_arrangement.append((_("表に記載なし"), len(municipalities) - len(core_arrangement)))
    return AdoptionStatus(
        groups=sorted(groups, key=lambda g: (g.start, g.sort_order)),
        rows=rows,
        systems=[(s.value, s.label) for s in MATRIX_SYSTEMS],
        counted_by_system=counted_by_system,
        totals=totals,
        by_arrangement=by_arrangement,
        municipality_count=len(municipalities),
    )


def joint_use_groups() -> list[tuple[str, list[int], str]]:
    """The adoption rows whose members share one system (portal.joint_use's provider): a 単独クラウド
    row lists municipalities each with a cloud of its own, so it is no group of theirs."""
    groups = AdoptionGroup.objects.exclude(arrangement=Arrangement.SINGLE_CLOUD).prefetch_related("members")
    return [(group.name, [m.pk for m in group.members.all()], group.get_system_display()) for group in groups]
