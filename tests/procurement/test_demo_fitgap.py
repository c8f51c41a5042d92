"""load_demo gives the forming group a partial fit-gap matrix with one function blocking
ノーカスタマイズ and common forms under way, and the seed's finished group its 19 unified forms."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.models import User
from procurement.fitgap import form_progress, summarise
from procurement.models import AdoptionState, Fit, FormAdoption, Function, Workspace
from tests.conftest import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("procurement-fitgap-demo")

    def build():
        with override_settings(DEBUG=True, PRIVATE_STORAGE_ROOT=files):
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", stdout=StringIO())
        return files

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _files(settings, loaded):
    settings.PRIVATE_STORAGE_ROOT = loaded


def _matrix(slug):
    workspace = Workspace.objects.get(slug=slug)
    functions = list(workspace.functions.select_related("area"))
    members = list(workspace.members.select_related("municipality"))
    return workspace, summarise(functions, members, list(Fit.objects.filter(function__workspace=workspace)))


def test_the_forming_group_has_a_partly_decided_matrix_over_its_five_areas():
    workspace, summary = _matrix("kita-katsuragi-kikan")
    assert 30 <= workspace.functions.count() <= 40
    assert {area.name for area, _tally in summary.by_area} == {"住民記録", "税務", "国保", "介護", "福祉"}
    decided_share = summary.overall.decided / summary.overall.total
    assert 0.6 <= decided_share <= 0.75


def test_exactly_one_function_blocks_no_customisation():
    _workspace, summary = _matrix("kita-katsuragi-kikan")
    assert [blocker.function.name for blocker in summary.blockers] == ["国保税の独自減免の計算"]
    assert summary.overall.counts["customise"] >= 2


def test_each_column_is_decided_by_its_own_staff_or_the_consultant_on_its_behalf():
    deciders = set(
        Fit.objects.filter(function__workspace__slug="kita-katsuragi-kikan").values_list(
            "member__municipality__name", "decided_by__email"
        )
    )
    assert deciders == {
        ("香芝市", "kashiba.staff@example.jp"),
        ("葛城市", "consultant@example.jp"),
        ("河合町", "kawai.staff@example.jp"),
    }


def test_the_finished_group_unified_all_19_common_forms_in_every_member():
    workspace = Workspace.objects.get(slug="nara-kikan-kyodoka")
    forms = list(workspace.common_forms.all())
    members = list(workspace.members.all())
    assert len(forms) == 19 and len(members) == 7
    progress = form_progress(forms, members, list(FormAdoption.objects.filter(form__workspace=workspace)))
    assert {(p.unified, p.applicable) for p in progress} == {(19, 19)}
    states = FormAdoption.objects.filter(form__workspace=workspace).values_list("state", flat=True)
    assert set(states) == {AdoptionState.UNIFIED}


def test_kashiba_staff_see_the_matrix_with_the_blocking_function(client):
    client.force_login(User.objects.get(email="kashiba.staff@example.jp"))
    page = client.get("/procurement/kita-katsuragi-kikan/fit-gap/").content.decode()
    assert "国保税の独自減免の計算</a>（香芝市、河合町）" in page


def test_a_second_load_changes_nothing(settings):
    settings.DEBUG = True
    before = (Function.objects.count(), Fit.objects.count(), FormAdoption.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (Function.objects.count(), Fit.objects.count(), FormAdoption.objects.count()) == before
    assert "the demo matrix and common forms are already there" in out.getvalue()
