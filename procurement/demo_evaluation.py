"""The forming group's vendor evaluation for `make run`: a デモ評価 round its members' line staff
scored and the secretariat closed (so the results table has figures), and a 提案評価 round open, with
kashiba.staff@example.jp's sheet half filled in. Evaluators are the demo staff of 香芝市 and 河合町 and
one more account per member (demo password) so that each member speaks with its own voices.

The bids are prices for the whole contract period (5 years), as the round titles say; procurement.demo_costs
keeps annual figures, so a bid is about five times the members' proposed annual costs together."""

import datetime

from django.utils import timezone

from portal import demo
from portal.models import Municipality, Role, User
from procurement.demo import FORMING
from procurement.models import Bid, Criterion, Member, Round, RoundStage, RoundState, Score, Vendor, Workspace

VENDORS = ["株式会社まほろば情報システム", "葛城データサービス株式会社"]
DEMO_CRITERIA = [
    ("操作性", 20),
    ("機能の網羅性", 20),
    ("標準準拠", 10),
    ("移行支援", 10),
    ("運用保守体制", 10),
]
PROPOSAL_CRITERIA = [
    ("提案内容の妥当性", 25),
    ("標準仕様への適合", 20),
    ("移行計画", 15),
    ("運用保守・SLA", 10),
]
# (e-mail, last name, first name, municipality); the first two are the portal's own demo staff.
EVALUATORS = [
    ("kashiba.staff@example.jp", None, None, "香芝市"),
    ("kawai.staff@example.jp", None, None, "河合町"),
    ("kashiba.hyoka@example.jp", "香芝", "修", "香芝市"),
    ("katsuragi.hyoka@example.jp", "葛城", "美咲", "葛城市"),
    ("kawai.hyoka@example.jp", "河合", "健一", "河合町"),
]
# Each evaluator's points for the demo round: vendor → one row per criterion, one column per evaluator.
DEMO_POINTS = {
    VENDORS[0]: [
        [16, 15, 17, 14, 16],
        [17, 18, 16, 17, 15],
        [8, 9, 8, 7, 8],
        [7, 8, 6, 7, 7],
        [8, 7, 8, 8, 9],
    ],
    VENDORS[1]: [
        [18, 17, 19, 16, 18],
        [14, 15, 13, 16, 14],
        [9, 9, 8, 9, 10],
        [8, 7, 9, 8, 8],
        [7, 6, 7, 8, 6],
    ],
}
# Prices for the 5-year contract period, yen — illustrative (the members' annual costs total 191,500,000).
DEMO_BIDS = {VENDORS[0]: 1_012_000_000, VENDORS[1]: 968_000_000}
PROPOSAL_BIDS = {VENDORS[0]: 985_000_000, VENDORS[1]: 957_500_000}
DEMO_TITLE = "デモ評価（基幹系5業務、参考価格は5年間の総額）"
PROPOSAL_TITLE = "提案評価（提案価格は5年間の総額）"
# kashiba.staff has scored the first vendor of the open round and not yet the second.
KASHIBA_PROPOSAL = {"提案内容の妥当性": 20, "標準仕様への適合": 16, "移行計画": 12, "運用保守・SLA": 8}


def _evaluators(password) -> list[tuple[User, Member]]:
    workspace = Workspace.objects.get(slug=FORMING)
    people = []
    for email, last_name, first_name, town in EVALUATORS:
        municipality = Municipality.objects.get(name=town)
        if last_name is None:
            user = User.objects.get(email=email)
        else:
            user = demo.account(email, last_name, first_name, Role.STAFF, password, municipality)
        people.append((user, workspace.members.get(municipality=municipality)))
    return people


def _round(workspace, title, stage, criteria, bids, opened_at, opened_by):
    round = Round.objects.create(
        workspace=workspace, title=title, stage=stage, opened_at=opened_at, opened_by=opened_by
    )
    for order, (name, points) in enumerate(criteria, start=1):
        Criterion.objects.create(round=round, name=name, max_points=points, order=order)
    for name, price in bids.items():
        vendor, _created = Vendor.objects.get_or_create(workspace=workspace, name=name)
        round.vendors.add(vendor)
        Bid.objects.create(round=round, vendor=vendor, price=price)
    return round


def _score(round, criterion_name, vendor_name, evaluator, member, points, when, comment=""):
    Score.objects.create(
        round=round,
        criterion=round.criteria.get(name=criterion_name),
        vendor=round.vendors.get(name=vendor_name),
        evaluator=evaluator,
        member=member,
        points=points,
        comment=comment,
        updated_at=when,
    )


def load(password: str) -> str:
    workspace = Workspace.objects.filter(slug=FORMING).first()
    if workspace is None:
        return "procurement evaluation: the forming group is not there; nothing to add"
    if workspace.rounds.exists():
        return "procurement evaluation: the demo rounds are already there"
    advisor = User.objects.get(email="advisor@example.jp")
    evaluators = _evaluators(password)
    now = timezone.now()
    demo = _round(
        workspace, DEMO_TITLE, RoundStage.DEMO, DEMO_CRITERIA, DEMO_BIDS,
        now - datetime.timedelta(days=40), advisor,
    )  # fmt: skip
    for vendor_name, rows in DEMO_POINTS.items():
        for (criterion_name, _max), column in zip(DEMO_CRITERIA, rows, strict=True):
            for (user, member), points in zip(evaluators, column, strict=True):
                _score(
                    demo, criterion_name, vendor_name, user, member, points, now - datetime.timedelta(days=25)
                )
    demo.state, demo.closed_at, demo.closed_by = RoundState.CLOSED, now - datetime.timedelta(days=20), advisor
    demo.save(update_fields=["state", "closed_at", "closed_by"])
    proposal = _round(
        workspace, PROPOSAL_TITLE, RoundStage.PROPOSAL, PROPOSAL_CRITERIA, PROPOSAL_BIDS,
        now - datetime.timedelta(days=5), advisor,
    )  # fmt: skip
    kashiba, kashiba_member = evaluators[0]
    for criterion_name, points in KASHIBA_PROPOSAL.items():
        _score(proposal, criterion_name, VENDORS[0], kashiba, kashiba_member, points, now, "")
    return (
        "procurement evaluation: a closed デモ評価 (2 vendors, 5 evaluators) and an open 提案評価 "
        f"in {workspace.name}; evaluators {', '.join(email for email, *_ in EVALUATORS[2:])}"
    )
