"""The 総合評価 arithmetic of a closed evaluation round, on plain values (no database), so the pages,
the exports and the tests share one computation.

- per vendor and criterion: the mean over the evaluators who scored it and the spread — the lowest
  and highest points and the population standard deviation (母標準偏差, dividing by the number of
  evaluators: they are all the evaluators of the round, not a sample);
- technical score (技術点) = the sum of the criterion means as shown (rounded), so the table adds up;
- price score (価格点) = 価格点 × 最低提案価格 ÷ 当該提案価格; a vendor without a bid gets none (its
  total is its technical score alone);
- total (総合点) = technical + price; rank by total, highest first, equal totals sharing a rank (1, 1, 3).

Every figure is a Decimal rounded to 2 decimals, half up (ROUND_HALF_UP), at the step it is shown.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def rounded(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Entry:
    criterion: int
    vendor: int
    points: int


@dataclass(frozen=True)
class Spread:
    count: int
    mean: Decimal | None
    minimum: int | None
    maximum: int | None
    deviation: Decimal | None


def spread(points: list[int]) -> Spread:
    if not points:
        return Spread(count=0, mean=None, minimum=None, maximum=None, deviation=None)
    values = [Decimal(p) for p in points]
    mean = sum(values) / len(values)
    variance = sum((v - mean) ** 2 for v in values) / len(values)
    return Spread(
        count=len(values),
        mean=rounded(mean),
        minimum=min(points),
        maximum=max(points),
        deviation=rounded(variance.sqrt()),
    )


def price_score(price_points: int, *, lowest: int | None, price: int | None) -> Decimal | None:
    """価格点 × 最低提案価格 ÷ 当該提案価格, rounded to 2 decimals half up; None without a bid."""
    if price is None or lowest is None or price <= 0:
        return None
    return rounded(Decimal(price_points) * Decimal(lowest) / Decimal(price))


@dataclass(frozen=True)
class Row:
    vendor_id: int
    vendor_name: str
    cells: list[Spread]
    technical: Decimal
    price: int | None
    price_score: Decimal | None
    total: Decimal
    rank: int


@dataclass(frozen=True)
class Results:
    criteria: list[tuple[int, str, int]]
    rows: list[Row]
    lowest_price: int | None
    price_points: int

    @property
    def ranked(self) -> list[Row]:
        return sorted(self.rows, key=lambda row: (row.rank, row.vendor_name))


def _ranks(totals: list[Decimal]) -> list[int]:
    # Competition ranking: one plus the number of totals strictly higher.
    return [1 + sum(1 for other in totals if other > total) for total in totals]


def aggregate(
    *,
    criteria: list[tuple[int, str, int]],
    vendors: list[tuple[int, str]],
    entries: list[Entry],
    bids: dict[int, int],
    price_points: int,
) -> Results:
    """`criteria` as (id, name, max points) in order, `vendors` as (id, name), `bids` vendor id → yen."""
    points = defaultdict(list)
    for entry in entries:
        points[entry.criterion, entry.vendor].append(entry.points)
    lowest = min((price for price in bids.values() if price > 0), default=None)
    drafts = []
    for vendor_id, vendor_name in vendors:
        cells = [spread(points[criterion_id, vendor_id]) for criterion_id, _name, _max in criteria]
        technical = sum((cell.mean for cell in cells if cell.mean is not None), ZERO)
        price = bids.get(vendor_id)
        score = price_score(price_points, lowest=lowest, price=price)
        drafts.append((vendor_id, vendor_name, cells, technical, price, score, technical + (score or ZERO)))
    ranks = _ranks([draft[-1] for draft in drafts])
    rows = [Row(*draft, rank=rank) for draft, rank in zip(drafts, ranks, strict=True)]
    return Results(criteria=list(criteria), rows=rows, lowest_price=lowest, price_points=price_points)
