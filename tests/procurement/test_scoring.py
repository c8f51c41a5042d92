"""The 総合評価 arithmetic, with figures worked out by hand: means and spread per criterion, the price
score from 価格点 × 最低提案価格 ÷ 当該提案価格, totals and ranks (ties share a rank)."""

from decimal import Decimal

from procurement.scoring import Entry, aggregate, price_score, rounded, spread

D = Decimal
CRITERIA = [(1, "操作性", 30), (2, "移行支援", 40)]
VENDORS = [(10, "A社"), (20, "B社"), (30, "C社")]


def _entries(rows):
    return [Entry(criterion=c, vendor=v, points=p) for c, v, p in rows]


def test_rounding_is_to_two_decimals_half_up():
    assert rounded(D("2.345")) == D("2.35")
    assert rounded(D("2.344")) == D("2.34")
    assert rounded(D("-0.005")) == D("-0.01")


def test_the_spread_is_the_minimum_maximum_and_population_standard_deviation():
    # 20, 24, 25: mean 23; deviations −3, 1, 2; variance (9 + 1 + 4) / 3 = 4.666…; σ = 2.160…
    cell = spread([20, 24, 25])
    assert (cell.count, cell.mean, cell.minimum, cell.maximum) == (3, D("23.00"), 20, 25)
    assert cell.deviation == D("2.16")


def test_one_evaluators_score_has_no_spread():
    cell = spread([17])
    assert (cell.mean, cell.deviation) == (D("17.00"), D("0.00"))


def test_the_price_score_is_the_price_points_times_the_lowest_price_over_the_vendors_price():
    # 30 × 80,000,000 ÷ 90,000,000 = 26.666… → 26.67
    assert price_score(30, lowest=80_000_000, price=90_000_000) == D("26.67")
    assert price_score(30, lowest=80_000_000, price=80_000_000) == D("30.00")
    assert price_score(30, lowest=80_000_000, price=None) is None


def test_totals_add_the_rounded_means_and_the_price_score_and_rank_the_vendors():
    results = aggregate(
        criteria=CRITERIA,
        vendors=VENDORS[:2],
        entries=_entries(
            [
                # A社: 操作性 20, 25 → 22.50; 移行支援 30, 31 → 30.50; technical 53.00
                (1, 10, 20),
                (1, 10, 25),
                (2, 10, 30),
                (2, 10, 31),
                # B社: 操作性 28, 27 → 27.50; 移行支援 20, 21 → 20.50; technical 48.00
                (1, 20, 28),
                (1, 20, 27),
                (2, 20, 20),
                (2, 20, 21),
            ]
        ),
        bids={10: 100_000_000, 20: 75_000_000},
        price_points=30,
    )
    a, b = results.rows
    assert a.vendor_name == "A社"
    assert [cell.mean for cell in a.cells] == [D("22.50"), D("30.50")]
    assert a.technical == D("53.00")
    # 30 × 75,000,000 ÷ 100,000,000 = 22.50
    assert a.price_score == D("22.50")
    assert a.total == D("75.50")
    assert b.technical == D("48.00")
    assert b.price_score == D("30.00")
    assert b.total == D("78.00")
    assert (b.rank, a.rank) == (1, 2)
    assert results.lowest_price == 75_000_000
    assert [row.vendor_name for row in results.ranked] == ["B社", "A社"]


def test_vendors_with_the_same_total_share_a_rank_and_the_next_rank_is_skipped():
    results = aggregate(
        criteria=CRITERIA[:1],
        vendors=VENDORS,
        entries=_entries([(1, 10, 20), (1, 20, 20), (1, 30, 10)]),
        bids={},
        price_points=30,
    )
    assert [(row.vendor_name, row.rank) for row in results.ranked] == [("A社", 1), ("B社", 1), ("C社", 3)]


def test_a_vendor_without_a_bid_gets_no_price_score_and_its_total_is_the_technical_score():
    results = aggregate(
        criteria=CRITERIA[:1],
        vendors=VENDORS[:2],
        entries=_entries([(1, 10, 20), (1, 20, 24)]),
        bids={10: 50_000_000},
        price_points=30,
    )
    a, b = results.rows
    assert a.price_score == D("30.00")
    assert a.total == D("50.00")
    assert b.price_score is None
    assert b.total == D("24.00")
    assert (a.rank, b.rank) == (1, 2)


def test_a_criterion_nobody_scored_for_a_vendor_shows_no_mean_and_adds_nothing():
    results = aggregate(
        criteria=CRITERIA,
        vendors=VENDORS[:1],
        entries=_entries([(1, 10, 21)]),
        bids={},
        price_points=30,
    )
    (row,) = results.rows
    assert row.cells[1].count == 0
    assert row.cells[1].mean is None
    assert row.technical == D("21.00")
    assert results.lowest_price is None
