"""Evaluation rounds on the persona world's workspace, for the access tables and the page tests:

- `open_round`: open, 操作性 (20) and 移行支援 (10), two vendors with bids; the founder has scored the
  first vendor on both criteria, the member nothing yet;
- `fresh_round`: open, the same criteria and vendors, nobody has scored (its set-up may still change);
- `closed_round`: closed, founder and member both scored both vendors, no decision yet;
- `open_sheet` / `closed_sheet`: the founder's sheet in the open / closed round (theirs alone, always).
"""

from django.utils import timezone

from procurement.models import RoundState, Sheet
from tests.factories import BidFactory, ScoreFactory, evaluation_round

OPEN_POINTS = {"操作性": 16, "移行支援": 7}
# (evaluator, vendor index) → points on (操作性, 移行支援)
CLOSED_POINTS = {
    ("founder", 0): (16, 8),
    ("founder", 1): (12, 9),
    ("member", 0): (18, 6),
    ("member", 1): (14, 7),
}


def _scores(round, evaluator, vendor, points):
    for criterion, value in zip(round.criteria.all(), points, strict=True):
        ScoreFactory(round=round, criterion=criterion, vendor=vendor, evaluator=evaluator, points=value)


def build_evaluation_world(world) -> dict:
    workspace, people = world["workspace"], world["people"]
    made = {}
    for name in ("open_round", "fresh_round", "closed_round"):
        made[name] = evaluation_round(workspace, title=f"デモ評価（{name}）", opened_by=people["secretariat"])
        vendors = list(made[name].vendors.order_by("name"))
        BidFactory(round=made[name], vendor=vendors[0], price=400_000_000)
        BidFactory(round=made[name], vendor=vendors[1], price=380_000_000)
    open_round, closed_round = made["open_round"], made["closed_round"]
    _scores(open_round, people["founder"], open_round.vendors.order_by("name")[0], OPEN_POINTS.values())
    vendors = list(closed_round.vendors.order_by("name"))
    for (who, index), points in CLOSED_POINTS.items():
        _scores(closed_round, people[who], vendors[index], points)
    closed_round.state, closed_round.closed_at = RoundState.CLOSED, timezone.now()
    closed_round.closed_by = people["secretariat"]
    closed_round.save()
    made["open_sheet"] = Sheet(open_round, people["founder"])
    made["closed_sheet"] = Sheet(closed_round, people["founder"])
    return made
