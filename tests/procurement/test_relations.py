import pytest
from django.contrib.auth.models import AnonymousUser

from portal.models import Role
from procurement.relations import Relation, relation_of, workspaces_for
from tests.factories import WorkspaceFactory, member
from tests.procurement.conftest import build_procurement_world

pytestmark = pytest.mark.django_db

EXPECTED = {
    "founder": Relation.FOUNDER,
    "member": Relation.MEMBER,
    "invited": Relation.INVITED,
    "outsider": Relation.NONE,
    "secretariat": Relation.SECRETARIAT,
    "consultant": Relation.CONSULTANT,
    "advisor": Relation.OVERSEER,
    "official": Relation.OVERSEER,
}


@pytest.mark.parametrize("person", EXPECTED)
def test_each_person_stands_to_the_workspace_as_their_role_and_municipality_say(person):
    world = build_procurement_world()
    assert relation_of(world["people"][person], world["workspace"]) == EXPECTED[person]


def test_other_municipalities_know_of_a_workspace_only_while_it_recruits():
    world = build_procurement_world(recruiting=True)
    outsider = world["people"]["outsider"]
    assert relation_of(outsider, world["workspace"]) == Relation.RECRUITABLE
    assert list(workspaces_for(outsider)) == [world["workspace"]]
    world["workspace"].recruiting = False
    world["workspace"].save()
    assert list(workspaces_for(outsider)) == []


def test_a_consultant_knows_only_the_workspaces_whose_secretariat_names_it():
    world = build_procurement_world()
    WorkspaceFactory(name="別の検討会")
    assert list(workspaces_for(world["people"]["consultant"])) == [world["workspace"]]
    assert relation_of(member(Role.CONSULTANT), world["workspace"]) == Relation.NONE


@pytest.mark.parametrize("person", ["founder", "member", "invited", "secretariat", "consultant", "advisor"])
def test_the_workspace_list_holds_exactly_the_workspaces_a_person_has_a_relation_to(person):
    world = build_procurement_world()
    other = WorkspaceFactory(name="別の検討会")
    user = world["people"][person]
    expected = {ws for ws in (world["workspace"], other) if relation_of(user, ws) > Relation.NONE}
    assert set(workspaces_for(user)) == expected


def test_anonymous_and_pending_people_have_no_relation():
    world = build_procurement_world()
    assert relation_of(AnonymousUser(), world["workspace"]) == Relation.NONE
    assert list(workspaces_for(AnonymousUser())) == []
