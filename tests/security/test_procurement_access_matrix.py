"""procurement's rules as a table: every relation a person can have to a workspace against every
registered procurement action. Each concern of the app adds its rows to PROCUREMENT_MATRIX; the
kernel matrix's test_every_registered_action_has_a_row_in_the_matrix counts them."""

import copy

import pytest

from portal import access
from tests.conftest import built_once
from tests.procurement.conftest import PERSONAS, allowed, build_persona_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, build_persona_world)


@pytest.fixture
def world(_built):
    return copy.deepcopy(_built)


NOBODY = allowed()
INSIDE = allowed("founder", "member", "secretariat", "consultant")
RUNNERS = allowed("founder", "secretariat")
FOLLOWERS = allowed("founder", "member", "secretariat", "consultant", "advisor", "official")

# (action, target, who may) — the target is a key of the world, read for the persona's own workspace:
# "workspace" for everyone but `recruitable`, who is an outsider to `recruiting_workspace`.
PROCUREMENT_MATRIX = [
    (
        "procurement.list",
        None,
        allowed(*(p for p in PERSONAS if p not in {"anonymous", "pending"})),
    ),
    (
        "procurement.create",
        None,
        allowed("founder", "member", "invited", "outsider", "recruitable", "secretariat", "advisor"),
    ),
    (
        "procurement.view",
        "workspace",
        allowed(
            "founder", "member", "invited", "recruitable", "secretariat", "consultant", "advisor", "official"
        ),
    ),
    ("procurement.view_inside", "workspace", INSIDE),
    ("procurement.follow", "workspace", FOLLOWERS),
    ("procurement.edit", "workspace", RUNNERS),
]


# Slice 2's targets: a municipality of the world, or the forming group's open invitation.
def member_town(world):
    return world["towns"]["member"]


def outside_town(world):
    return world["towns"]["outside"]


def open_invitation(world):
    return world["workspace"].invitations.get()


SIGNED_IN_BUT_PENDING = allowed(*(p for p in PERSONAS if p not in {"anonymous", "pending"}))
PROCUREMENT_MATRIX += [
    ("procurement.inventory.list", None, SIGNED_IN_BUT_PENDING),
    (
        "procurement.inventory.view",
        member_town,
        allowed("founder", "member", "secretariat", "consultant", "advisor", "official"),
    ),
    ("procurement.inventory.view", outside_town, allowed("outsider", "secretariat", "advisor", "official")),
    ("procurement.inventory.edit", member_town, allowed("member", "secretariat", "advisor")),
    (
        "procurement.partners.find",
        None,
        allowed("founder", "member", "invited", "outsider", "recruitable", "secretariat", "advisor"),
    ),
    ("procurement.partners.find", member_town, allowed("member", "secretariat", "advisor")),
    ("procurement.partners.rank_for_workspace", "workspace", RUNNERS),
    ("procurement.invitation.list", "workspace", INSIDE),
    ("procurement.invitation.send", "workspace", RUNNERS),
    ("procurement.invitation.withdraw", "workspace", RUNNERS),
    (
        "procurement.invitation.view",
        open_invitation,
        allowed("founder", "member", "invited", "secretariat", "consultant"),
    ),
    ("procurement.invitation.decide", open_invitation, allowed("invited")),
]


def target_for(world, persona, target):
    if target is None:
        return None
    if callable(target):
        return target(world)
    if persona == "recruitable" and target == "workspace":
        return world["recruiting_workspace"]
    return world[target]


@pytest.mark.parametrize("persona", PERSONAS)
def test_procurement_access_matrix(world, persona):
    """The whole table for one persona: a failure lists every (action, target) that differs."""
    user = world["people"][persona]
    decided = {
        (action, target): access.can(user, action, target_for(world, persona, target))
        for action, target, _expected in PROCUREMENT_MATRIX
    }
    assert decided == {(action, target): expected[persona] for action, target, expected in PROCUREMENT_MATRIX}
