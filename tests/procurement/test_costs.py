"""The cost model: reductions per member, the seed's average (the mean of the members' percentages)
beside the reduction of the total, and who edits which member's figures."""

from decimal import Decimal

import pytest

from procurement.costs import CostRow, summarise
from procurement.models import CostSharingScenario, MemberCost
from tests.factories import MemberCostFactory, WorkspaceMemberFactory

pytestmark = pytest.mark.django_db


def _row(name, current, proposed):
    return CostRow(member=name, current=current, proposed=proposed)


def test_a_members_reduction_is_in_yen_and_in_percent_rounded_half_up_to_one_decimal():
    assert _row("a", 16_000, 15_000).reduction_yen == 1_000
    assert _row("a", 16_000, 15_000).reduction_percent == Decimal("6.3")  # 6.25 → 6.3
    assert _row("a", 3, 2).reduction_percent == Decimal("33.3")
    assert _row("a", 100, 120).reduction_percent == Decimal("-20.0")  # the proposal costs more


def test_the_average_is_the_mean_of_the_members_percentages_not_the_reduction_of_the_total():
    summary = summarise([_row("大", 900_000_000, 540_000_000), _row("小", 100_000_000, 20_000_000)])
    # 40 % and 80 %: the mean of the percentages is 60 %, the total falls by 44 %.
    assert summary.mean_percent == Decimal("60.0")
    assert summary.total_percent == Decimal("44.0")
    assert (summary.total_current, summary.total_proposed) == (1_000_000_000, 560_000_000)


def test_the_mean_is_of_unrounded_percentages_rounded_once():
    # 0.14 %, 0.14 % and 0.17 %: their mean 0.15 rounds to 0.2; rounding each first would give 0.1.
    summary = summarise([_row("a", 10_000, 9_986), _row("b", 10_000, 9_986), _row("c", 10_000, 9_983)])
    assert summary.mean_percent == Decimal("0.2")


def test_members_without_both_figures_are_left_out_and_named_with_why():
    summary = summarise(
        [_row("香芝市", 100, 50), _row("葛城市", None, 40), _row("河合町", 80, None), _row("上牧町", 0, 0)]
    )
    assert [row.member for row in summary.counted] == ["香芝市"]
    assert {row.member: row.why_left_out for row in summary.left_out} == {
        "葛城市": "現在の経費が未入力",
        "河合町": "提案の経費が未入力",
        "上牧町": "現在の経費が0円のため削減率がない",
    }
    assert summary.mean_percent == Decimal("50.0")


def test_no_figures_give_no_average():
    assert summarise([_row("香芝市", None, None)]).mean_percent is None


# --- the page ---------------------------------------------------------------------------------------
def _url(world, *rest):
    return "/procurement/" + "/".join([world["workspace"].slug, *rest]) + "/"


def _member_row(world, town):
    return world["workspace"].members.get(municipality=world["towns"][town])


def test_an_official_sees_the_cost_summary_with_both_averages_and_who_is_left_out(
    client, log_in, procurement_world
):
    world = procurement_world
    MemberCostFactory(
        member=_member_row(world, "founder"), current_annual_yen=100_000_000, proposed_annual_yen=40_000_000
    )
    MemberCostFactory(
        member=_member_row(world, "member"), current_annual_yen=50_000_000, proposed_annual_yen=None
    )
    log_in(world["people"]["official"])
    html = client.get(_url(world, "costs")).content.decode()
    assert "60.0％（1団体の削減率の単純平均）" in html
    assert "60,000,000" in html
    assert "河合町：提案の経費が未入力" in html
    assert "単純平均" in html and "7団体平均" in html
    # An overseer follows the costs but edits none.
    assert "の経費を編集" not in html


def test_a_members_staff_edit_their_own_row_and_not_another_members(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["member"])
    own = _member_row(world, "member")
    response = client.post(
        _url(world, "costs", str(own.pk)),
        {"current_annual_yen": "64,000,000", "proposed_annual_yen": "３３８０００００円", "basis": "決算額"},
    )
    assert response.status_code == 302
    cost = MemberCost.objects.get(member=own)
    assert (cost.current_annual_yen, cost.proposed_annual_yen, cost.updated_by) == (
        64_000_000,
        33_800_000,
        world["people"]["member"],
    )
    founder_row = _member_row(world, "founder")
    assert client.get(_url(world, "costs", str(founder_row.pk))).status_code == 404
    assert (
        client.post(_url(world, "costs", str(founder_row.pk)), {"current_annual_yen": "1"}).status_code == 404
    )
    assert not MemberCost.objects.filter(member=founder_row).exists()
    html = client.get(_url(world, "costs")).content.decode()
    assert "河合町の経費を編集" in html and "葛城市の経費を編集" not in html


def test_the_founders_and_secretariat_edit_every_row_but_the_consultant_none(
    client, log_in, procurement_world
):
    world = procurement_world
    row = _member_row(world, "member")
    for persona in ("founder", "secretariat"):
        log_in(world["people"][persona])
        assert client.post(_url(world, "costs", str(row.pk)), {"current_annual_yen": "5"}).status_code == 302
    log_in(world["people"]["consultant"])
    assert client.get(_url(world, "costs")).status_code == 200
    assert client.post(_url(world, "costs", str(row.pk)), {"current_annual_yen": "6"}).status_code == 404
    assert MemberCost.objects.get(member=row).current_annual_yen == 5


def test_a_figure_that_is_not_yen_is_refused_next_to_its_field_and_kept(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["founder"])
    row = _member_row(world, "founder")
    response = client.post(
        _url(world, "costs", str(row.pk)), {"current_annual_yen": "約1億円", "proposed_annual_yen": "-5"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "円単位の整数で入力してください" in html
    assert "0円以上で入力してください" in html
    assert 'value="約1億円"' in html
    assert not MemberCost.objects.filter(member=row).exists()


def test_a_row_of_another_group_is_not_found(client, log_in, procurement_world):
    world = procurement_world
    elsewhere = WorkspaceMemberFactory()
    log_in(world["people"]["secretariat"])
    assert client.get(_url(world, "costs", str(elsewhere.pk))).status_code == 404


# --- the calculator page ------------------------------------------------------------------------------
def _sharing(**params):
    base = {"total_yen": "1,000,001", "equal_percent": "30", "population_percent": "70", "usage_percent": "0"}
    return {**base, **params}


def test_the_calculator_works_from_the_query_string_without_saving(client, log_in, procurement_world):
    world = procurement_world
    MemberCostFactory(
        member=_member_row(world, "founder"), current_annual_yen=900_000, proposed_annual_yen=None
    )
    log_in(world["people"]["official"])
    response = client.get(_url(world, "cost-sharing"), _sharing())
    html = response.content.decode()
    # 葛城市 36,000 and 河合町 17,000 people: 150,000.3 + 475,471.86… and 150,000.3 + 224,528.1…
    assert "625,472" in html and "374,529" in html
    assert "900,000（現在の年間経費）" in html
    assert "274,528円 少ない" in html
    assert "最大剰余法" in html and "概数" in html
    assert not CostSharingScenario.objects.exists()
    # An official may try mixes but keeps none.
    assert "シナリオとして保存する" not in html


def test_a_members_own_single_procurement_estimate_is_its_cost_alone_where_recorded(
    client, log_in, procurement_world
):
    world = procurement_world
    MemberCostFactory(
        member=_member_row(world, "member"), current_annual_yen=500_000, standalone_annual_yen=420_000
    )
    log_in(world["people"]["member"])
    html = client.get(_url(world, "cost-sharing"), _sharing()).content.decode()
    assert "420,000（単独調達の見積）" in html
    assert "45,471円 少ない" in html


def test_proportions_that_do_not_sum_to_100_are_refused_with_a_message(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["member"])
    html = client.get(_url(world, "cost-sharing"), _sharing(equal_percent="40")).content.decode()
    assert "合計が100％になるようにしてください（いまは110％です）" in html
    assert "負担額（円）" not in html


def test_a_usage_share_asks_for_each_members_usage_next_to_its_field(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["member"])
    member_row = _member_row(world, "member")
    params = _sharing(population_percent="20", usage_percent="50", **{f"usage_{member_row.pk}": "11000"})
    html = client.get(_url(world, "cost-sharing"), params).content.decode()
    assert "利用量割を使うときは入力してください。" in html
    assert 'value="11000"' in html


def test_members_save_a_named_scenario_and_a_double_submit_saves_it_once(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["member"])
    data = {**_sharing(), "name": "均等割30・人口割70"}
    first = client.post(_url(world, "cost-sharing", "scenarios"), data)
    second = client.post(_url(world, "cost-sharing", "scenarios"), data)
    scenario = CostSharingScenario.objects.get()
    assert first["Location"] == second["Location"] == f"{_url(world, 'cost-sharing')}?scenario={scenario.pk}"
    assert (scenario.total_yen, scenario.population_percent, scenario.created_by) == (
        1_000_001,
        70,
        world["people"]["member"],
    )
    other = client.post(
        _url(world, "cost-sharing", "scenarios"), {**data, "equal_percent": "50", "population_percent": "50"}
    )
    assert "この名前のシナリオはすでにあります" in other.content.decode()
    assert CostSharingScenario.objects.count() == 1

    client.post(
        _url(world, "cost-sharing", "scenarios"),
        {**data, "name": "均等割100", "equal_percent": "100", "population_percent": "0"},
    )
    html = client.get(f"{_url(world, 'cost-sharing')}?scenario={scenario.pk}").content.decode()
    assert "シナリオごとの負担額" in html
    assert "500,001" in html and "625,472" in html


def test_an_official_cannot_save_a_scenario(client, log_in, procurement_world):
    world = procurement_world
    log_in(world["people"]["official"])
    response = client.post(_url(world, "cost-sharing", "scenarios"), {**_sharing(), "name": "試算"})
    assert response.status_code == 404
    assert not CostSharingScenario.objects.exists()
