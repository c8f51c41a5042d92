"""The cost-sharing calculator (費用負担の按分): a total, such as the joint contract's annual cost, split
among the members by 均等割 (equal parts), 人口割 (by population) and 利用量割 (by a usage figure the
group types in, e.g. 住民記録件数) in proportions of whole percents that sum to 100.

Rounding (the page states it): each member's exact share is computed as a fraction; each gets the whole
yen below it, and the yen left over (fewer than the number of members) go one each to the members with
the largest fractional parts (最大剰余法), so the shares sum to the total to the yen. Members with equal
fractional parts are served in the order given, which is the members' 五十音順.

The group's saved scenarios (CostSharingScenario) keep a mix to compare with another.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from portal import access
from procurement.models import CostSharingScenario, MemberCost, Workspace


class CostSharingError(ValueError):
    """A mix or its figures that cannot be split; `field` names the input the message is about."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Rule:
    equal: int
    population: int
    usage: int

    def check(self) -> None:
        parts = (self.equal, self.population, self.usage)
        if any(isinstance(part, bool) or not isinstance(part, int) for part in parts):
            raise CostSharingError(_("割合は整数の％で入力してください。"), "rule")
        if any(part < 0 or part > 100 for part in parts):
            raise CostSharingError(_("割合はそれぞれ0から100の整数で入力してください。"), "rule")
        if sum(parts) != 100:
            raise CostSharingError(
                _("均等割・人口割・利用量割の合計が100％になるようにしてください（いまは%(sum)s％です）。")
                % {"sum": sum(parts)},
                "rule",
            )


@dataclass(frozen=True)
class Party:
    key: int
    name: str
    population: int | None
    usage: int | None
    # What the member pays alone (its current annual cost, or its own single-procurement estimate).
    alone_yen: int | None = None
    alone_basis: str = ""


@dataclass(frozen=True)
class Share:
    party: Party
    yen: int
    exact: Fraction

    @property
    def difference(self) -> int | None:
        """The share minus the cost alone: negative when the member pays less together."""
        if self.party.alone_yen is None:
            return None
        return self.yen - self.party.alone_yen

    @property
    def difference_size(self) -> int | None:
        difference = self.difference
        return None if difference is None else abs(difference)


def _weights(parties: Sequence[Party], attribute: str, field: str, label: str) -> list[Fraction]:
    values = [getattr(party, attribute) for party in parties]
    missing = [party.name for party, value in zip(parties, values, strict=True) if value is None or value < 0]
    if missing:
        raise CostSharingError(
            _("%(label)sで按分するには、次の団体の値が要ります：%(names)s")
            % {"label": label, "names": "、".join(missing)},
            field,
        )
    total = sum(values)
    if total == 0:
        raise CostSharingError(_("%(label)sの合計が0のため按分できません。") % {"label": label}, field)
    return [Fraction(value, total) for value in values]


def split(total: int, parties: Sequence[Party], rule: Rule) -> list[Share]:
    """The parties' shares of `total` yen, in the parties' order, summing to `total` exactly."""
    rule.check()
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise CostSharingError(_("総額は0円以上の整数で入力してください。"), "total")
    if not parties:
        raise CostSharingError(_("按分する団体がありません。"))
    count = len(parties)
    fractions = [Fraction(rule.equal, 100 * count)] * count
    if rule.population:
        by_population = _weights(parties, "population", "population", _("人口割"))
        fractions = [
            f + Fraction(rule.population, 100) * w for f, w in zip(fractions, by_population, strict=True)
        ]
    if rule.usage:
        by_usage = _weights(parties, "usage", "usage", _("利用量割"))
        fractions = [f + Fraction(rule.usage, 100) * w for f, w in zip(fractions, by_usage, strict=True)]
    exact = [total * fraction for fraction in fractions]
    whole = [value.numerator // value.denominator for value in exact]
    left = total - sum(whole)
    # Largest fractional part first; sorted() is stable, so ties keep the parties' order.
    by_remainder = sorted(range(count), key=lambda i: exact[i] - whole[i], reverse=True)
    for i in by_remainder[:left]:
        whole[i] += 1
    return [Share(party=p, yen=y, exact=e) for p, y, e in zip(parties, whole, exact, strict=True)]


# --- the workspace's members as parties, and the saved scenarios -----------------------------------
def parties_for(workspace: Workspace, usages: dict[int, int | None] | None = None) -> list[Party]:
    """The members in 五十音順, with their population (概数) and what each pays alone: its own
    single-procurement estimate where one is recorded, else its current annual cost."""
    usages = usages or {}
    costs = {cost.member_id: cost for cost in MemberCost.objects.filter(workspace=workspace)}
    parties = []
    for member in workspace.members.select_related("municipality").order_by("municipality__kana_sort", "pk"):
        cost = costs.get(member.pk)
        alone, basis = None, ""
        if cost is not None and cost.standalone_annual_yen is not None:
            alone, basis = cost.standalone_annual_yen, _("単独調達の見積")
        elif cost is not None and cost.current_annual_yen is not None:
            alone, basis = cost.current_annual_yen, _("現在の年間経費")
        parties.append(
            Party(
                key=member.pk,
                name=str(member.municipality),
                population=member.municipality.population,
                usage=usages.get(member.pk),
                alone_yen=alone,
                alone_basis=basis,
            )
        )
    return parties


def scenario_usages(scenario: CostSharingScenario) -> dict[int, int | None]:
    return {int(key): value for key, value in scenario.usages.items()}


def scenario_shares(scenario: CostSharingScenario) -> list[Share]:
    rule = Rule(scenario.equal_percent, scenario.population_percent, scenario.usage_percent)
    return split(scenario.total_yen, parties_for(scenario.workspace, scenario_usages(scenario)), rule)


def cost_sharing_scenario_save(
    *,
    actor,
    workspace: Workspace,
    name: str,
    total_yen: int,
    rule: Rule,
    usage_label: str,
    usages: dict[int, int | None],
) -> CostSharingScenario:
    """Keep a mix under a name. The same mix saved again under its name is the one already saved
    (a double submit); another mix under a name in use is refused."""
    with transaction.atomic():
        access.require(actor, "procurement.cost_sharing.save", workspace)
        parties = parties_for(workspace, usages)
        split(total_yen, parties, rule)
        kept = {str(party.key): party.usage for party in parties if rule.usage and party.usage is not None}
        fields = {
            "total_yen": total_yen,
            "equal_percent": rule.equal,
            "population_percent": rule.population,
            "usage_percent": rule.usage,
            "usage_label": usage_label if rule.usage else "",
            "usages": kept,
        }
        existing = CostSharingScenario.objects.filter(workspace=workspace, name=name).first()
        if existing is not None:
            if all(getattr(existing, key) == value for key, value in fields.items()):
                return existing
            raise CostSharingError(_("この名前のシナリオはすでにあります。別の名前にしてください。"), "name")
        try:
            with transaction.atomic():
                return CostSharingScenario.objects.create(
                    workspace=workspace, name=name, created_by=actor, **fields
                )
        except IntegrityError:
            raise CostSharingError(
                _("この名前のシナリオはすでにあります。別の名前にしてください。"), "name"
            ) from None
