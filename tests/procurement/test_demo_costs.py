"""load_demo gives both demo groups a cost model: the forming group's members and the RFI answers'
reference estimates per year with one saved sharing scenario, and the finished group's seven members at
the seed's 56 %. The evaluation's bids are 5-year totals, about five times the annual figures."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.models import User
from procurement.cost_sharing import scenario_shares
from procurement.costs import cost_summary
from procurement.models import Bid, CostSharingScenario, MemberCost, RoundStage, Workspace
from tests.conftest import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("procurement-demo-costs")

    def build():
        with override_settings(DEBUG=True, PRIVATE_STORAGE_ROOT=files):
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", stdout=StringIO())
        return files

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _files(settings, loaded):
    settings.PRIVATE_STORAGE_ROOT = loaded


def test_the_finished_groups_seven_members_average_the_seeds_56_percent():
    summary = cost_summary(Workspace.objects.get(slug="nara-kikan-kyodoka"))
    assert len(summary.counted) == 7 and not summary.left_out
    assert summary.mean_percent == Decimal("56.0")
    # The total falls by less: the large members' reductions are below the mean.
    assert summary.total_percent == Decimal("55.3")


def test_the_forming_group_has_its_three_members_costs_and_one_scenario_that_splits_the_proposal():
    forming = Workspace.objects.get(slug="kita-katsuragi-kikan")
    summary = cost_summary(forming)
    assert {row.member.municipality.name for row in summary.counted} == {"香芝市", "葛城市", "河合町"}
    scenario = CostSharingScenario.objects.get(workspace=forming)
    assert (scenario.equal_percent, scenario.population_percent, scenario.usage_percent) == (30, 70, 0)
    assert scenario.total_yen == summary.total_proposed
    assert sum(share.yen for share in scenario_shares(scenario)) == scenario.total_yen


def test_the_forming_groups_basis_ranks_no_vendor_of_its_open_round_and_says_the_figures_are_annual():
    forming = Workspace.objects.get(slug="kita-katsuragi-kikan")
    for basis in MemberCost.objects.filter(workspace=forming).values_list("basis", flat=True):
        assert "RFI回答の参考見積" in basis and "年額換算" in basis
        assert "首位" not in basis and "提案評価" not in basis


def test_the_forming_groups_bids_are_5_year_totals_about_five_times_its_annual_proposed_cost():
    forming = Workspace.objects.get(slug="kita-katsuragi-kikan")
    annual = cost_summary(forming).total_proposed
    for bid in Bid.objects.filter(round__workspace=forming).select_related("round"):
        assert "5年間の総額" in bid.round.title
        assert 0.9 <= bid.price / 5 / annual <= 1.1
    proposal = forming.rounds.get(stage=RoundStage.PROPOSAL)
    assert min(proposal.bids.values_list("price", flat=True)) == 5 * annual


def test_an_official_sees_the_finished_groups_56_percent(client, log_in):
    log_in(User.objects.get(email="official@example.jp"))
    html = client.get("/procurement/nara-kikan-kyodoka/costs/").content.decode()
    assert "56.0％（7団体の削減率の単純平均）" in html


def test_a_second_load_changes_nothing(settings):
    settings.DEBUG = True
    before = (MemberCost.objects.count(), CostSharingScenario.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (MemberCost.objects.count(), CostSharingScenario.objects.count()) == before
    assert "demo cost models are already there" in out.getvalue()
