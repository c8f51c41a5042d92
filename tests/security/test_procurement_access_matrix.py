"""procurement's rules as a table: every relation a person can have to a workspace against every
registered procurement action. Each concern of the app adds its rows to PROCUREMENT_MATRIX; the
kernel matrix's test_every_registered_action_has_a_row_in_the_matrix counts them."""

import copy

import pytest

from portal import access
from tests.conftest import built_once
from tests.procurement.conftest import PERSONAS, allowed, build_persona_world
from tests.procurement.evaluation_world import build_evaluation_world

pytestmark = pytest.mark.django_db


def _build():
    world = build_persona_world()
    world.update(build_evaluation_world(world))  # rounds and sheets: open_round, closed_round, open_sheet...
    return world


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, _build)


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
    # costs: a member's own staff edit its row (tests/procurement/test_costs.py), runners every row
    ("procurement.cost.edit", "workspace", allowed("founder", "member", "secretariat")),
    ("procurement.cost_sharing.save", "workspace", INSIDE),
    ("procurement.case_draft.create", "workspace", RUNNERS),
    # Records: the Q&A, the documents and the decision log (officials and advisors read the log).
    ("procurement.question.list", "workspace", INSIDE),
    ("procurement.question.manage", "workspace", allowed("secretariat", "consultant")),
    ("procurement.document.view", "workspace", INSIDE),
    ("procurement.document.upload", "workspace", INSIDE),
    ("procurement.agreement.view", "workspace", FOLLOWERS),
    ("procurement.agreement.record", "workspace", RUNNERS),
    # Fit-gap matrix and common forms: inside work; a column is its own staff's and the secretariat's.
    ("procurement.fitgap.view", "workspace", INSIDE),
    ("procurement.fitgap.decide", "founder_column", allowed("founder", "secretariat", "consultant")),
    ("procurement.fitgap.decide", "member_column", allowed("member", "secretariat", "consultant")),
    ("procurement.fitgap.import", "workspace", RUNNERS),
    ("procurement.forms.view", "workspace", INSIDE),
    ("procurement.forms.set", "founder_column", allowed("founder", "secretariat", "consultant")),
    ("procurement.forms.set", "member_column", allowed("member", "secretariat", "consultant")),
    ("procurement.forms.manage", "workspace", RUNNERS),
    # Vendor evaluation: overseers follow the rounds (state, decision's vendor), never a score.
    ("procurement.round.list", "workspace", FOLLOWERS),
    ("procurement.round.create", "workspace", RUNNERS),
    ("procurement.round.view", "open_round", FOLLOWERS),
    ("procurement.round.view_inside", "open_round", INSIDE),
    ("procurement.round.set_up", "open_round", RUNNERS),
    ("procurement.round.set_up", "closed_round", NOBODY),
    ("procurement.round.close", "open_round", RUNNERS),
    ("procurement.score.enter", "open_round", allowed("founder", "member")),
    # Evaluators still, after the close: the service refuses their points with a message.
    ("procurement.score.enter", "closed_round", allowed("founder", "member")),
    # The founder's sheet is theirs alone, before and after the close (the group reads the totals).
    ("procurement.sheet.view", "open_sheet", allowed("founder")),
    ("procurement.sheet.view", "closed_sheet", allowed("founder")),
    ("procurement.results.view", "open_round", NOBODY),
    ("procurement.results.view", "closed_round", INSIDE),
    ("procurement.decision.record", "open_round", NOBODY),
    ("procurement.decision.record", "closed_round", RUNNERS),
    # workspace pages: a member's own staff speak for it; the secretariat's advisors choose who runs it.
    ("procurement.member.edit", "member_row", allowed("founder", "member", "secretariat")),
    ("procurement.member.remove", "member_row", allowed("founder", "member", "secretariat")),
    ("procurement.secretariat.manage", "workspace", allowed("secretariat")),
    # An advisor takes up only a group no advisor runs yet; the world's group has one.
    ("procurement.secretariat.join", "workspace", NOBODY),
    ("procurement.milestone.edit", "workspace", RUNNERS),
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
