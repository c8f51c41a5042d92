"""load_demo gives both demo groups a cost model: the forming group's members and the leading vendor's
proposal with one saved sharing scenario, and the finished group's seven members at the seed's 56 %."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.models import User
from procurement.cost_sharing import scenario_shares
from procurement.costs import cost_summary
from procurement.models import CostSharingScenario, MemberCost, Workspace
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
