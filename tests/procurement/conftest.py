"""A joint-procurement world: one forming group with a founder, a member, a secretariat advisor and a
consultant, an invited municipality and one that is neither; every relation has a person."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.models import Membership, Role
from tests.factories import (
    InvitationFactory,
    MunicipalityFactory,
    SecretariatFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
    member,
)


def build_procurement_world(*, recruiting=False):
    founder_town = MunicipalityFactory(name="葛城市", kana="かつらぎし", district="", population=36000)
    member_town = MunicipalityFactory(
        name="河合町", kana="かわいちょう", district="北葛城郡", population=17000
    )
    invited_town = MunicipalityFactory(
        name="上牧町", kana="かんまきちょう", district="北葛城郡", population=21000
    )
    outside_town = MunicipalityFactory(name="天理市", kana="てんりし", district="", population=62000)
    people = {
        "founder": member(Role.STAFF, founder_town),
        "member": member(Role.STAFF, member_town),
        "invited": member(Role.STAFF, invited_town),
        "outsider": member(Role.STAFF, outside_town),
        "secretariat": member(Role.ADVISOR),
        "consultant": member(Role.CONSULTANT),
        "advisor": member(Role.ADVISOR),
        "official": member(Role.OFFICIAL),
    }
    workspace = WorkspaceFactory(
        name="北葛城基幹システム共同化検討会", recruiting=recruiting, created_by=people["founder"]
    )
    WorkspaceMemberFactory(
        workspace=workspace, municipality=founder_town, is_founder=True, contact=people["founder"]
    )
    WorkspaceMemberFactory(workspace=workspace, municipality=member_town, contact=people["member"])
    SecretariatFactory(workspace=workspace, user=people["secretariat"])
    SecretariatFactory(workspace=workspace, user=people["consultant"])
    InvitationFactory(workspace=workspace, municipality=invited_town, invited_by=people["founder"])
    towns = {"founder": founder_town, "member": member_town, "invited": invited_town, "outside": outside_town}
    return {"workspace": workspace, "people": people, "towns": towns}


def build_persona_world():
    """Every persona the access tables name, each with the workspace they are read against: the
    world's forming group, except for `recruitable`, an outsider to a second group that recruits."""
    world = build_procurement_world()
    recruiting = build_procurement_world(recruiting=True)
    people = world["people"]
    people["anonymous"] = AnonymousUser()
    people["pending"] = member(Role.STAFF, world["towns"]["founder"], state=Membership.State.PENDING)
    people["other_consultant"] = member(Role.CONSULTANT)
    people["recruitable"] = recruiting["people"]["outsider"]
    members = world["workspace"].members
    return {
        "people": people,
        "towns": world["towns"],
        "workspace": world["workspace"],
        "recruiting_workspace": recruiting["workspace"],
        # The founder's and the member's columns (fit-gap matrix, common forms).
        "founder_column": members.get(municipality=world["towns"]["founder"]),
        "member_column": members.get(municipality=world["towns"]["member"]),
        # The member municipality's row, for the rules on one member (its 担当者, leaving).
        "member_row": world["workspace"].members.get(municipality=world["towns"]["member"]),
    }


PERSONAS = [
    "anonymous",
    "pending",
    "founder",
    "member",
    "invited",
    "outsider",
    "recruitable",
    "secretariat",
    "consultant",
    "other_consultant",
    "advisor",
    "official",
]


def allowed(*personas):
    return {persona: persona in personas for persona in PERSONAS}


@pytest.fixture
def procurement_world(db):
    return build_procurement_world()
