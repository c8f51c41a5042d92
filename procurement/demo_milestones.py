"""The demo groups' milestones (order 410, after procurement.demo made the groups):

- the forming group (the finished group's renewal), 300 days in: 勉強会 … RFP done within the year, デモ評価
  done the day before its round closed (procurement.demo_evaluation closes it 20 days ago), 提案評価 in
  progress (its round is open), then 事業者決定 → 仕様確認・BPR → 契約交渉 → 稼働 per member, staggered;
- the seed's finished group, its whole path from the 置賜 study session (平成21年10月) to go-live one
  member after another: H23.5 1町, H23.12 1町, H24.3 4市町, H25 1町. The seed gives only how many went
  live when; which town is which here is illustrative, and the rows say so. Its scope is the seed's 22業務.
  Its 仕様確認・BPR row is dated when the common specification was settled, before the contract; the
  seed's review went on for over a year after the selection, through the staggered go-lives, and the row
  says so.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from procurement.demo import FINISHED, FORMING
from procurement.milestones import plan_create
from procurement.models import Milestone, Step, Workspace

D = datetime.date

# (actual, target, note) per step of the finished group.
FINISHED_PATH = {
    Step.STUDY: (D(2009, 10, 1), None, "山形県置賜地区の自治体クラウド共同導入事例の研修会がきっかけ。"),
    Step.LAUNCH: (
        D(2009, 12, 25),
        None,
        "発起人（葛城市・河合町）が、地理的隣接・団体規模・団体関係を重視して参加を呼びかけ、任意団体を結成。",
    ),
    Step.SECRETARIAT: (D(2010, 4, 1), None, "県補助金を活用して外部コンサルを雇用し、事務局作業を委託。"),
    Step.BRIEFING: (D(2010, 5, 20), None, "各社のクラウド説明会。"),
    Step.RFI: (D(2010, 6, 30), None, "数次の RFI で共同化する機能を絞り込み。"),
    Step.RFP: (D(2010, 8, 31), None, ""),
    Step.DEMO: (D(2010, 9, 30), None, "原課職員によるデモ評価。"),
    Step.PROPOSAL: (D(2010, 10, 20), None, "総合評価型プロポーザル方式。"),
    Step.SELECTION: (D(2010, 10, 29), None, "NEC を選定。"),
    Step.BPR: (
        D(2011, 3, 31),
        None,
        "事業者決定後に詳細な機能仕様の確認と共通化のための業務見直しを始め、契約前に共通仕様を固めた。"
        "見直しは順次稼働の間も続け、1年以上にわたった（カスタマイズを避けるため）。",
    ),
    Step.NEGOTIATION: (
        D(2011, 4, 28),
        None,
        "有償の機能開発・サブシステムの絞り込み、データ移行・運用保守要件、SLA の詳細化に6か月。",
    ),
}
# The seed: H23.5 1町, H23.12 1町, H24.3 4市町, H25 1町 (which town when is illustrative).
FINISHED_GO_LIVE = {
    "河合町": D(2011, 5, 1),
    "上牧町": D(2011, 12, 1),
    "香芝市": D(2012, 3, 1),
    "葛城市": D(2012, 3, 1),
    "川西町": D(2012, 3, 1),
    "田原本町": D(2012, 3, 1),
    "広陵町": D(2013, 4, 1),
}
FINISHED_GO_LIVE_NOTE = (
    "資料は時期ごとの団体数（H23.5 1町、H23.12 1町、H24.3 4市町、H25 1町）のみで、"
    "団体の割り当ては説明用です。"
)
FINISHED_BUSINESS_COUNT = 22

# Days after the forming group's start: (actual, target, note); None where not done or not set.
FORMING_PATH = {
    Step.STUDY: (0, None, "先行事例（奈良県基幹システム共同化検討会）の勉強会。"),
    Step.LAUNCH: (30, None, "香芝市・葛城市が発起し、河合町が参加。"),
    Step.SECRETARIAT: (75, None, "県の補助を受けて支援事業者と契約。"),
    Step.BRIEFING: (120, None, ""),
    Step.RFI: (170, None, ""),
    Step.RFP: (240, None, "検討開始から1年以内に RFP を出した。"),
    # The デモ評価 round closes 20 days ago (day 280): the step was done the day before.
    Step.DEMO: (279, None, "原課職員が2社のデモを評価した。"),
    Step.PROPOSAL: (None, 330, "総合評価型プロポーザル方式で、2社の提案を評価中。"),
    Step.SELECTION: (None, 360, ""),
    Step.BPR: (None, 540, "事業者決定後に、パッケージに業務を合わせる（事後BPR）。"),
    Step.NEGOTIATION: (None, 720, "有償開発・データ移行・SLA などの契約条件の交渉。"),
}
# After 契約交渉, one member after another.
FORMING_GO_LIVE = {"香芝市": 900, "葛城市": 990, "河合町": 1080}


def _set(milestone: Milestone, actual_on, target_on, note):
    milestone.actual_on, milestone.target_on, milestone.note = actual_on, target_on, note
    milestone.save(update_fields=["actual_on", "target_on", "note"])


def _finished(workspace: Workspace):
    workspace.business_count = FINISHED_BUSINESS_COUNT
    workspace.save(update_fields=["business_count"])
    rows = {m.step: m for m in plan_create(workspace) if m.member_id is None}
    for step, (actual, target, note) in FINISHED_PATH.items():
        _set(rows[step], actual, target or actual, note)
    for milestone in workspace.milestones.filter(step=Step.GO_LIVE).select_related("member__municipality"):
        day = FINISHED_GO_LIVE[milestone.member.municipality.name]
        _set(milestone, day, day, FINISHED_GO_LIVE_NOTE)


def _forming(workspace: Workspace):
    start = workspace.started_on

    def day(offset):
        return None if offset is None else start + datetime.timedelta(days=offset)

    rows = {m.step: m for m in plan_create(workspace) if m.member_id is None}
    today = timezone.localdate()
    for step, (actual, target, note) in FORMING_PATH.items():
        # Done steps keep their date as the target met; an undone step's target stays ahead of today.
        target_on = (
            day(actual) if actual is not None else max(day(target), today + datetime.timedelta(days=14))
        )
        _set(rows[step], day(actual), target_on, note)
    for milestone in workspace.milestones.filter(step=Step.GO_LIVE).select_related("member__municipality"):
        _set(milestone, None, day(FORMING_GO_LIVE[milestone.member.municipality.name]), "")


def load(password: str) -> str:
    made = []
    with transaction.atomic():
        for slug, fill in ((FORMING, _forming), (FINISHED, _finished)):
            workspace = Workspace.objects.filter(slug=slug).first()
            if workspace is None or workspace.milestones.exists():
                continue
            fill(workspace)
            made.append(workspace.name)
    if not made:
        return "procurement.milestones: the demo groups' milestones are already there"
    return f"procurement.milestones: milestones for {', '.join(made)}"
