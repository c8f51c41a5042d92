"""load_demo shows both workspaces: the group forming now and the seed's finished one, once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.models import Role, User
from procurement.models import Workspace, WorkspaceStatus
from procurement.relations import Relation, relation_of
from tests.conftest import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("procurement-demo")

    def build():
        with override_settings(DEBUG=True, PRIVATE_STORAGE_ROOT=files):
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", stdout=StringIO())
        return files

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _files(settings, loaded):
    settings.PRIVATE_STORAGE_ROOT = loaded


def _person(email):
    return User.objects.get(email=email)


def test_the_forming_group_has_two_founders_a_member_and_a_secretariat_with_a_consultant():
    forming = Workspace.objects.get(slug="kita-katsuragi-kikan")
    assert forming.status == WorkspaceStatus.FORMING
    members = {m.municipality.name: m.is_founder for m in forming.members.select_related("municipality")}
    assert members == {"香芝市": True, "葛城市": True, "河合町": False}
    assert relation_of(_person("kashiba.staff@example.jp"), forming) == Relation.FOUNDER
    assert relation_of(_person("kawai.staff@example.jp"), forming) == Relation.MEMBER
    assert relation_of(_person("advisor@example.jp"), forming) == Relation.SECRETARIAT
    consultant = _person("consultant@example.jp")
    assert consultant.memberships.get().role == Role.CONSULTANT
    assert relation_of(consultant, forming) == Relation.CONSULTANT
    assert relation_of(_person("official@example.jp"), forming) == Relation.OVERSEER


def test_the_seeds_finished_group_is_there_as_history_with_its_seven_members():
    finished = Workspace.objects.get(slug="nara-kikan-kyodoka")
    assert finished.status == WorkspaceStatus.LIVE
    assert finished.members.count() == 7
    assert set(finished.members.filter(is_founder=True).values_list("municipality__name", flat=True)) == {
        "葛城市",
        "河合町",
    }
    # The consultant account of the forming group knows nothing of it.
    assert relation_of(_person("consultant@example.jp"), finished) == Relation.NONE


def test_the_forming_group_is_the_renewal_of_the_finished_group_by_three_of_its_members():
    forming = Workspace.objects.get(slug="kita-katsuragi-kikan")
    finished = Workspace.objects.get(slug="nara-kikan-kyodoka")
    forming_towns = set(forming.members.values_list("municipality__name", flat=True))
    assert forming_towns <= set(finished.members.values_list("municipality__name", flat=True))
    assert forming.name == "北葛城 基幹システム次期共同化検討会"
    assert "次期更新" in forming.description and "次の契約期間" in forming.description


def test_a_second_load_changes_nothing(settings):
    settings.DEBUG = True
    before = (Workspace.objects.count(), User.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (Workspace.objects.count(), User.objects.count()) == before
    assert "already there" in out.getvalue()
