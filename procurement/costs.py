"""The group's cost model: each member's annual cost now and under the proposal, the reduction per
member, and the two averages a group quotes.

- A member's reduction is its current cost minus the proposal's, in yen, and as a percentage of its
  current cost, rounded half up (四捨五入) to one decimal.
- The average the seed quotes (「7団体平均で56％の経費削減」) is read as the mean of the members'
  percentages: each member counts once, whatever its size. It is the unrounded percentages' mean,
  rounded once to one decimal.
- Beside it, the reduction of the total (the sum of the current costs against the sum of the
  proposal's), in which the large members weigh more.
Members without both figures (or with a current cost of 0 yen, which has no percentage) are left out
of both averages and named.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access
from procurement.models import Member, MemberCost, Workspace

ONE_DECIMAL = Decimal("0.1")


def one_decimal(value: Fraction) -> Decimal:
    """A fraction as a percentage to one decimal, rounded half up (四捨五入), halves away from zero."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        ONE_DECIMAL, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class CostRow:
    member: Member
    current: int | None
    proposed: int | None
    cost: MemberCost | None = None

    @property
    def counted(self) -> bool:
        return self.current is not None and self.proposed is not None and self.current > 0

    @property
    def reduction_yen(self) -> int | None:
        return self.current - self.proposed if self.counted else None

    @property
    def exact_percent(self) -> Fraction | None:
        return Fraction(self.reduction_yen * 100, self.current) if self.counted else None

    @property
    def reduction_percent(self) -> Decimal | None:
        exact = self.exact_percent
        return None if exact is None else one_decimal(exact)

    @property
    def why_left_out(self) -> str:
        if self.current is None and self.proposed is None:
            return _("現在の経費と提案の経費が未入力")
        if self.current is None:
            return _("現在の経費が未入力")
        if self.proposed is None:
            return _("提案の経費が未入力")
        if self.current == 0:
            return _("現在の経費が0円のため削減率がない")
        return ""


@dataclass(frozen=True)
class CostSummary:
    rows: list[CostRow]

    @property
    def counted(self) -> list[CostRow]:
        return [row for row in self.rows if row.counted]

    @property
    def left_out(self) -> list[CostRow]:
        return [row for row in self.rows if not row.counted]

    @property
    def mean_percent(self) -> Decimal | None:
        """The mean of the members' reduction percentages (the seed's 「平均」)."""
        counted = self.counted
        if not counted:
            return None
        return one_decimal(sum((row.exact_percent for row in counted), Fraction(0)) / len(counted))

    @property
    def total_current(self) -> int:
        return sum(row.current for row in self.counted)

    @property
    def total_proposed(self) -> int:
        return sum(row.proposed for row in self.counted)

    @property
    def total_reduction_yen(self) -> int:
        return self.total_current - self.total_proposed

    @property
    def total_percent(self) -> Decimal | None:
        """The reduction of the counted members' total cost, in which large members weigh more."""
        if not self.counted:
            return None
        return one_decimal(Fraction(self.total_reduction_yen * 100, self.total_current))


def summarise(rows: Sequence[CostRow]) -> CostSummary:
    return CostSummary(rows=list(rows))


def cost_summary(workspace: Workspace) -> CostSummary:
    """Every member of the group in 五十音順, with its figures where recorded."""
    costs = {
        cost.member_id: cost
        for cost in MemberCost.objects.filter(workspace=workspace).select_related("updated_by")
    }
    members = workspace.members.select_related("municipality").order_by("municipality__kana_sort", "pk")
    rows = []
    for member in members:
        cost = costs.get(member.pk)
        rows.append(
            CostRow(
                member=member,
                current=cost.current_annual_yen if cost else None,
                proposed=cost.proposed_annual_yen if cost else None,
                cost=cost,
            )
        )
    return summarise(rows)


def member_cost_save(
    *,
    actor,
    member: Member,
    current_annual_yen: int | None,
    proposed_annual_yen: int | None,
    standalone_annual_yen: int | None,
    basis: str,
) -> MemberCost:
    """Record one member's figures: by the group's runners, or by that member's own staff."""
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(pk=member.workspace_id)
        access.require(actor, "procurement.cost.edit", workspace, member=member)
        cost, _created = MemberCost.objects.update_or_create(
            member=member,
            defaults={
                "workspace": workspace,
                "current_annual_yen": current_annual_yen,
                "proposed_annual_yen": proposed_annual_yen,
                "standalone_annual_yen": standalone_annual_yen,
                "basis": basis,
                "updated_by": actor,
                "updated_at": timezone.now(),
            },
        )
    return cost
