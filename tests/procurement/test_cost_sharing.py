"""The cost-sharing calculator: a total split by 均等割・人口割・利用量割 in whole yen that sum to it."""

import pytest

from procurement.cost_sharing import CostSharingError, Party, Rule, split


def towns(*populations, usages=None):
    usages = usages or [None] * len(populations)
    return [
        Party(key=n, name=f"試験町{n}", population=population, usage=usage)
        for n, (population, usage) in enumerate(zip(populations, usages, strict=True), start=1)
    ]


@pytest.mark.parametrize("total", [0, 1, 2, 7, 101, 1_000_003, 999_999_937, 10**12, 10**12 + 1])
@pytest.mark.parametrize(
    "rule", [Rule(100, 0, 0), Rule(30, 70, 0), Rule(0, 0, 100), Rule(33, 33, 34), Rule(1, 98, 1)]
)
def test_the_shares_sum_to_the_total_to_the_yen_for_awkward_totals(total, rule):
    parties = towns(77000, 36000, 17000, usages=[52000, 24000, 11000])
    shares = split(total, parties, rule)
    assert sum(share.yen for share in shares) == total
    assert all(share.yen >= 0 for share in shares)


def test_equal_shares_differ_by_at_most_one_yen():
    shares = split(1_000_003, towns(77000, 36000, 17000), Rule(100, 0, 0))
    assert [share.yen for share in shares] == [333_335, 333_334, 333_334]


def test_one_yen_among_three_goes_to_the_first_in_the_list_when_all_are_tied():
    shares = split(1, towns(10, 10, 10), Rule(100, 0, 0))
    assert [share.yen for share in shares] == [1, 0, 0]


def test_population_only_is_proportional_to_population():
    shares = split(1_300_000, towns(70000, 50000, 10000), Rule(0, 100, 0))
    assert [share.yen for share in shares] == [700_000, 500_000, 100_000]


def test_the_largest_remainders_get_the_leftover_yen():
    # Exact shares 100/6 = 16.67, 200/6 = 33.33, 300/6 = 50: the one yen left goes to the 0.67.
    shares = split(100, towns(1, 2, 3), Rule(0, 100, 0))
    assert [share.yen for share in shares] == [17, 33, 50]


def test_a_mix_adds_the_parts():
    # 均等割30: 300,000 each of 900,000; 人口割70 of 3,000,000 by 2:1 → 1,400,000 and 700,000.
    shares = split(3_000_000, towns(20000, 10000, 0), Rule(30, 70, 0))
    assert [share.yen for share in shares] == [300_000 + 1_400_000, 300_000 + 700_000, 300_000]


def test_usage_shares_follow_the_usage_typed_in():
    shares = split(600, towns(1, 1, usages=[100, 200]), Rule(0, 0, 100))
    assert [share.yen for share in shares] == [200, 400]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (Rule(50, 40, 0), "合計が100"),
        (Rule(60, 60, 0), "合計が100"),
        (Rule(-10, 110, 0), "0から100"),
    ],
)
def test_proportions_that_do_not_sum_to_100_are_refused_with_a_message(rule, message):
    with pytest.raises(CostSharingError) as refused:
        split(1000, towns(1, 2), rule)
    assert message in str(refused.value)


def test_proportions_must_be_whole_percents():
    with pytest.raises(CostSharingError) as refused:
        split(1000, towns(1, 2), Rule(50.5, 49.5, 0))
    assert "整数" in str(refused.value)


def test_a_usage_share_needs_every_members_usage_and_names_who_lacks_it():
    with pytest.raises(CostSharingError) as refused:
        split(1000, towns(1, 2, usages=[10, None]), Rule(50, 0, 50))
    assert "試験町2" in str(refused.value)
    assert refused.value.field == "usage"


def test_a_population_share_needs_every_members_population():
    with pytest.raises(CostSharingError) as refused:
        split(1000, towns(1000, None), Rule(0, 100, 0))
    assert "試験町2" in str(refused.value)


def test_a_usage_figure_is_not_needed_when_usage_has_no_share():
    shares = split(1000, towns(1, 3), Rule(50, 50, 0))
    assert [share.yen for share in shares] == [375, 625]


def test_a_negative_total_or_no_members_is_refused():
    with pytest.raises(CostSharingError):
        split(-1, towns(1, 2), Rule(100, 0, 0))
    with pytest.raises(CostSharingError):
        split(1000, [], Rule(100, 0, 0))


def test_a_share_shows_its_difference_from_the_members_cost_alone():
    parties = [
        Party(key=1, name="香芝市", population=3, usage=None, alone_yen=900),
        Party(key=2, name="河合町", population=1, usage=None, alone_yen=None),
    ]
    shares = split(1000, parties, Rule(0, 100, 0))
    assert (shares[0].yen, shares[0].difference) == (750, -150)
    assert shares[1].difference is None
