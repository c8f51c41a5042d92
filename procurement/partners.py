"""The partner finder: other municipalities ranked for a municipality (or for a workspace, relative to
its members) by the seed's criteria, each with the reasons that counted.

The seed's founders chose partners by 地理的隣接, 団体規模の類似性 and 団体関係; the issue adds the systems
in use and, above all, their contract ends: a joint procurement starts when the members' current
contracts end close together, so aligned renewals weigh most. The weights are explicit (WEIGHTS) and
the page states them. Every criterion that counted gives one reason line, and only those; what a line
reveals of another municipality is the business area, its vendor and the month its contract ends
(never costs or notes).

- 契約終了時期: per business area, contract ends within ±12 months of a base municipality's
  (`CONTRACT_PER_AREA` each, at most `CONTRACT_AREAS_COUNTED` areas);
- 地域: the same region of the prefecture (Municipality.region: 北和・西和・中和・東和・南和, cities
  included), said together with the 郡 when they share that too;
- 人口規模: the same population band (the portal's populations are approximate, 概数);
- 事業者: at least one vendor in common;
- 共同利用: already in a joint-use or cloud group together (portal.joint_use, from the adoption data).
"""

import datetime
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import joint_use
from portal.localize import localized, names
from portal.models import Municipality
from portal.templatetags.wareki import wareki_month
from procurement.models import Invitation, InvitationState, SystemInUse, Workspace

ALIGNMENT_MONTHS = 12
CONTRACT_PER_AREA = 30
CONTRACT_AREAS_COUNTED = 3
WEIGHTS = {
    "contract": CONTRACT_PER_AREA,
    "district": 25,
    "joint_use": 15,
    "vendor": 10,
    "population": 10,
}
CRITERIA = {
    "contract": gettext_lazy("契約終了時期"),
    "district": gettext_lazy("地域"),
    "joint_use": gettext_lazy("共同利用の実績"),
    "vendor": gettext_lazy("事業者"),
    "population": gettext_lazy("人口規模"),
}
# The bands of the seed's picture of the prefecture (18 of its 39 municipalities under 10,000).
POPULATION_BANDS = [
    (10_000, gettext_lazy("1万人未満")),
    (30_000, gettext_lazy("1万人以上3万人未満")),
    (100_000, gettext_lazy("3万人以上10万人未満")),
    (None, gettext_lazy("10万人以上")),
]


@dataclass(frozen=True)
class Reason:
    criterion: str
    points: int
    text: str

    @property
    def label(self) -> str:
        return str(CRITERIA[self.criterion])

    def as_data(self) -> dict:
        """How an invitation keeps it (Invitation.reasons)."""
        return {"criterion": self.criterion, "points": self.points, "text": self.text}


@dataclass
class Candidate:
    municipality: Municipality
    reasons: list[Reason] = field(default_factory=list)
    invited: bool = False

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)


def population_band(population: int | None) -> str | None:
    if population is None:
        return None
    for upper, label in POPULATION_BANDS:
        if upper is None or population < upper:
            return str(label)
    return None


def _months(day: datetime.date) -> int:
    return day.year * 12 + day.month


def _vendor_key(name: str) -> str:
    # ＮＥＣ and NEC, 富士通Ｊａｐａｎ and 富士通Japan are one vendor.
    return unicodedata.normalize("NFKC", name).strip().casefold()


@dataclass(frozen=True)
class _System:
    municipality_id: int
    area_id: int
    area: str
    vendor: str
    contract_end: datetime.date


def _systems(area_ids) -> dict[int, list[_System]]:
    rows = SystemInUse.objects.select_related("area").order_by("area__order", "area__name", "contract_end")
    if area_ids:
        rows = rows.filter(area__in=area_ids)
    systems: dict[int, list[_System]] = {}
    for row in rows:
        area = localized(row.area.name, row.area.name_en)
        systems.setdefault(row.municipality_id, []).append(
            _System(row.municipality_id, row.area_id, area, row.vendor, row.contract_end)
        )
    return systems


def _contract_reason(mine, theirs, municipality_names, *, with_base_name) -> Reason | None:
    aligned: dict[int, str] = {}
    for system in theirs:
        if system.area_id in aligned:
            continue
        for base in mine:
            if base.area_id == system.area_id and (
                abs(_months(base.contract_end) - _months(system.contract_end)) <= ALIGNMENT_MONTHS
            ):
                base_end = wareki_month(base.contract_end)
                if with_base_name:
                    base_end = f"{municipality_names[base.municipality_id]} {base_end}"
                aligned[system.area_id] = _("%(area)s（こちら %(base)s ／ 先方 %(theirs)s）") % {
                    "area": system.area,
                    "base": base_end,
                    "theirs": wareki_month(system.contract_end),
                }
                break
    if not aligned:
        return None
    counted = min(len(aligned), CONTRACT_AREAS_COUNTED)
    text = _("契約終了が%(months)sか月以内に重なります：%(areas)s") % {
        "months": ALIGNMENT_MONTHS,
        "areas": names(aligned.values(), alphabetical=False),
    }
    return Reason("contract", CONTRACT_PER_AREA * counted, text)


def _vendor_reason(mine, theirs) -> Reason | None:
    ours = {_vendor_key(system.vendor) for system in mine}
    shared: dict[str, list[str]] = {}
    for system in theirs:
        if _vendor_key(system.vendor) in ours:
            areas = shared.setdefault(system.vendor, [])
            if system.area not in areas:
                areas.append(system.area)
    if not shared:
        return None
    text = _("同じ事業者のシステムを使っています：%(vendors)s") % {
        "vendors": names(
            (_("%(name)s（%(what)s）") % {"name": vendor, "what": names(areas, alphabetical=False)})
            for vendor, areas in shared.items()
        )
    }
    return Reason("vendor", WEIGHTS["vendor"], text)


def _reasons(candidate, base, systems, groups, municipality_names) -> list[Reason]:
    mine = [system for municipality in base for system in systems.get(municipality.pk, [])]
    theirs = systems.get(candidate.pk, [])
    reasons = [_contract_reason(mine, theirs, municipality_names, with_base_name=len(base) > 1)]
    regions = {municipality.region for municipality in base if municipality.region}
    districts = {municipality.district for municipality in base if municipality.district}
    if candidate.region in regions:
        if candidate.district in districts:
            text = _("同じ地域（%(region)s）の、同じ郡（%(district)s）の団体です。") % {
                "region": candidate.localized_region,
                "district": candidate.localized_district,
            }
        else:
            text = _("同じ地域です（%(region)s）。") % {"region": candidate.localized_region}
        reasons.append(Reason("district", WEIGHTS["district"], text))
    together = [
        group
        for group in groups
        if candidate.pk in group.member_ids and any(m.pk in group.member_ids for m in base)
    ]
    if together:
        reasons.append(
            Reason(
                "joint_use",
                WEIGHTS["joint_use"],
                _("すでに共同で利用しています：%(groups)s")
                % {
                    "groups": names(
                        _("%(name)s（%(what)s）") % {"name": group.name, "what": group.system}
                        for group in together
                    )
                },
            )
        )
    reasons.append(_vendor_reason(mine, theirs))
    band = population_band(candidate.population)
    if band is not None and band in {population_band(m.population) for m in base}:
        reasons.append(
            Reason(
                "population",
                WEIGHTS["population"],
                _("人口規模が同じ区分です（%(band)s、人口は概数）。") % {"band": band},
            )
        )
    return [reason for reason in reasons if reason is not None]


def _rank(base: list[Municipality], *, exclude: set[int], area_ids=()) -> list[Candidate]:
    municipalities = list(Municipality.objects.order_by("kana_sort"))
    municipality_names = {m.pk: m.localized_name for m in municipalities}
    systems = _systems(area_ids)
    groups = joint_use.groups()
    candidates = []
    for municipality in municipalities:
        if municipality.pk in exclude:
            continue
        candidate = Candidate(municipality, _reasons(municipality, base, systems, groups, municipality_names))
        if candidate.reasons:
            candidates.append(candidate)
    # A stable order: the score, then 五十音順 (the municipalities came in kana order).
    return sorted(candidates, key=lambda candidate: -candidate.score)


def rank_for_municipality(municipality: Municipality) -> list[Candidate]:
    """Every other municipality with at least one reason, best first."""
    return _rank([municipality], exclude={municipality.pk})


def rank_for_workspace(workspace: Workspace) -> list[Candidate]:
    """The municipalities not yet members, ranked against the members in the group's business areas
    (all areas while it has chosen none); those with an open invitation are marked."""
    members = [member.municipality for member in workspace.members.select_related("municipality")]
    area_ids = list(workspace.areas.values_list("pk", flat=True))
    candidates = _rank(members, exclude={m.pk for m in members}, area_ids=area_ids)
    invited = set(
        Invitation.objects.filter(workspace=workspace, state=InvitationState.OPEN).values_list(
            "municipality_id", flat=True
        )
    )
    for candidate in candidates:
        candidate.invited = candidate.municipality.pk in invited
    return candidates


def candidate_in_workspace(workspace: Workspace, municipality: Municipality) -> Candidate:
    """One municipality's standing in the workspace's ranking (no reasons if it has none)."""
    for candidate in rank_for_workspace(workspace):
        if candidate.municipality.pk == municipality.pk:
            return candidate
    return Candidate(municipality)
