"""load_demo's inventory: sixteen municipalities' systems, 香芝市's ranking explained with a neighbour
whose contracts end close to its own first, and the forming group's open invitation, once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.models import Municipality, User
from procurement import partners
from procurement.models import Invitation, InvitationState, SystemInUse, Workspace
from tests.conftest import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("procurement-demo-inventory")

    def build():
        with override_settings(DEBUG=True, PRIVATE_STORAGE_ROOT=files):
            call_command("load_reference_data", verbosity=0)
            call_command("load_cases", verbosity=0)
            call_command("load_demo", stdout=StringIO())
        return files

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _files(settings, loaded):
    settings.PRIVATE_STORAGE_ROOT = loaded


def test_about_fifteen_municipalities_have_an_inventory_with_contracts_ending_2027_to_2030():
    assert SystemInUse.objects.values("municipality").distinct().count() >= 15
    years = {system.contract_end.year for system in SystemInUse.objects.all()}
    assert years <= {2027, 2028, 2029, 2030}
    assert not SystemInUse.objects.filter(annual_cost__isnull=True).exists()


def test_kashibas_ranking_puts_a_neighbour_with_aligned_contract_ends_first_and_says_why():
    ranked = partners.rank_for_municipality(Municipality.objects.get(name="香芝市"))
    top = ranked[0]
    assert top.municipality.name == "広陵町"
    reasons = {reason.criterion: reason.text for reason in top.reasons}
    assert "住民記録" in reasons["contract"] and "令和10年（2028年）3月" in reasons["contract"]
    assert "奈良県基幹システム共同化検討会" in reasons["joint_use"]
    assert [c.score for c in ranked] == sorted((c.score for c in ranked), reverse=True)


def test_kashibas_staff_read_the_explained_ranking_on_the_page(client, log_in):
    log_in(User.objects.get(email="kashiba.staff@example.jp"))
    page = client.get("/procurement/partners/").content.decode()
    assert "パートナー探し：香芝市" in page
    assert page.index("広陵町") < page.index("上牧町")
    assert "契約終了が12か月以内に重なります" in page and "概数" in page


def test_the_forming_group_has_an_open_invitation_to_kouryou_with_the_finders_reasons():
    invitation = Invitation.objects.get(workspace__slug="kita-katsuragi-kikan")
    assert invitation.municipality.name == "広陵町"
    assert invitation.state == InvitationState.OPEN
    assert {reason["criterion"] for reason in invitation.reasons} >= {"contract", "district", "joint_use"}
    workspace = Workspace.objects.get(slug="kita-katsuragi-kikan")
    assert next(c for c in partners.rank_for_workspace(workspace) if c.municipality.name == "広陵町").invited


def test_a_second_load_changes_nothing(settings):
    settings.DEBUG = True
    before = (SystemInUse.objects.count(), Invitation.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (SystemInUse.objects.count(), Invitation.objects.count()) == before
    assert "demo inventory and invitation are already there" in out.getvalue()
