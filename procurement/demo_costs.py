"""The demo groups' cost models (order 445, after the workspaces).

- The forming group (`kita-katsuragi-kikan`): its three members' current annual costs, the RFI answers'
  reference estimates turned into annual figures (its 提案評価 is open: no proposal leads yet), and one saved
  sharing scenario (均等割30・人口割70 over the estimates' total). The evaluation's bids are 5-year totals,
  about five times this total.
- The seed's finished group (`nara-kikan-kyodoka`): its seven members' annual costs before and after.
  The seed gives only the result (「7団体平均で56％の経費削減」), not the members' amounts: the figures
  here are illustrative, chosen so that the mean of the members' reductions is the seed's 56 %.
"""

from portal.models import User
from procurement.demo import FINISHED, FORMING
from procurement.models import CostSharingScenario, MemberCost, Workspace

# (current annual cost, the RFI reference estimate per year), yen — illustrative.
FORMING_COSTS = {
    "香芝市": (182_000_000, 96_500_000),
    "葛城市": (118_000_000, 61_200_000),
    "河合町": (64_000_000, 33_800_000),
}
FORMING_BASIS = (
    "令和7年度の決算額（保守・帳票出力を含む）と、"
    "RFI回答の参考見積（5年間の総額の年額換算）。いずれも例示の値"
)
# Reductions of 52, 58, 55, 60, 54, 57 and 56 % (mean 56 %) — illustrative.
FINISHED_COSTS = {
    "葛城市": (120_000_000, 57_600_000),
    "河合町": (60_000_000, 25_200_000),
    "香芝市": (200_000_000, 90_000_000),
    "川西町": (40_000_000, 16_000_000),
    "田原本町": (80_000_000, 36_800_000),
    "上牧町": (70_000_000, 30_100_000),
    "広陵町": (90_000_000, 39_600_000),
}
FINISHED_BASIS = "共同化前後の年間経費（帳票出力BPOを含む）。出典は平均の削減率だけを示すため、金額は例示の値"
SCENARIO = "均等割30・人口割70"


def _costs(workspace, figures, basis, by):
    for member in workspace.members.select_related("municipality"):
        current, proposed = figures[member.municipality.name]
        MemberCost.objects.create(
            workspace=workspace,
            member=member,
            current_annual_yen=current,
            proposed_annual_yen=proposed,
            basis=basis,
            updated_by=by,
        )


def load(password: str) -> str:
    forming = Workspace.objects.filter(slug=FORMING).first()
    finished = Workspace.objects.filter(slug=FINISHED).first()
    if forming is None or finished is None:
        return "procurement costs: the demo workspaces are missing; nothing loaded"
    if MemberCost.objects.filter(workspace__in=[forming, finished]).exists():
        return "procurement costs: the demo cost models are already there"
    advisor = User.objects.get(email="advisor@example.jp")
    _costs(forming, FORMING_COSTS, FORMING_BASIS, advisor)
    _costs(finished, FINISHED_COSTS, FINISHED_BASIS, advisor)
    CostSharingScenario.objects.create(
        workspace=forming,
        name=SCENARIO,
        total_yen=sum(proposed for _current, proposed in FORMING_COSTS.values()),
        equal_percent=30,
        population_percent=70,
        usage_percent=0,
        created_by=advisor,
    )
    return "procurement costs: cost models for 2 workspaces and 1 sharing scenario"
