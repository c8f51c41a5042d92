"""/procurement/, founding a group, a group's overview and edit form, its members, secretariat and
milestones."""

from procurement.milestones import plan_create
from procurement.models import Step
from tests.factories import WorkspaceFactory, WorkspaceMemberFactory
from tests.procurement.conftest import PERSONAS
from tests.security.procurement_urls import expect

SIGNED_IN = [p for p in PERSONAS if p not in {"anonymous", "pending"}]
KNOWS_OF = ["founder", "member", "invited", "recruitable", "secretariat", "consultant", "advisor", "official"]
CREATORS = ["founder", "member", "invited", "outsider", "recruitable", "secretariat", "advisor"]
INSIDE = ["founder", "member", "secretariat", "consultant"]
RUNNERS = ["founder", "secretariat"]
FOLLOWERS = [*INSIDE, "advisor", "official"]
# Who speaks for the member municipality's row: the runners and its own staff.
FOR_THE_MEMBER = ["founder", "member", "secretariat"]


def targets(world):
    workspace = world["workspace"]
    plan_create(workspace)
    founder_row = workspace.members.get(is_founder=True)
    # A group staff founded alone: the first CIO advisor to come may take it up.
    lone = WorkspaceFactory(slug="lone-group", created_by=world["people"]["founder"])
    WorkspaceMemberFactory(workspace=lone, is_founder=True)
    return {
        "member": world["member_row"].pk,
        "founder_row": founder_row.pk,
        "consultant_row": workspace.secretariat.get(user=world["people"]["consultant"]).pk,
        "milestone": workspace.milestones.get(step=Step.RFP).pk,
        "lone": lone.slug,
    }


GET_URLS = [
    ("/procurement/", expect(200, *SIGNED_IN)),
    ("/procurement/new/", expect(200, *CREATORS)),
    ("/procurement/{ws}/", expect(200, *KNOWS_OF)),
    ("/procurement/{ws}/edit/", expect(200, *RUNNERS)),
    ("/procurement/{ws}/members/", expect(200, *INSIDE)),
    ("/procurement/{ws}/members/{member}/edit/", expect(200, *FOR_THE_MEMBER)),
    ("/procurement/{ws}/secretariat/", expect(200, *INSIDE)),
    ("/procurement/{ws}/milestones/", expect(200, *FOLLOWERS)),
    ("/procurement/{ws}/milestones/{milestone}/edit/", expect(200, *RUNNERS)),
]

POST_URLS = [
    # Empty forms come back with their messages (200): nothing is made, the next persona finds the same.
    ("/procurement/new/", expect(200, *CREATORS), {}),
    ("/procurement/{ws}/edit/", expect(200, *RUNNERS), {}),
    (
        "/procurement/{ws}/members/{member}/edit/",
        expect(302, *FOR_THE_MEMBER),
        {"head_signoff_on": "2026-04-01"},
    ),
    # The last founder stays (refused with a message, back to the list): the row is there for everyone.
    ("/procurement/{ws}/members/{founder_row}/remove/", expect(302, *RUNNERS), {}),
    ("/procurement/{lone}/secretariat/join/", expect(302, "secretariat"), {}),
    ("/procurement/{ws}/secretariat/advisors/", expect(200, "secretariat"), {"advisor-advisor": ""}),
    ("/procurement/{ws}/secretariat/consultants/", expect(200, "secretariat"), {}),
    ("/procurement/{ws}/secretariat/{consultant_row}/remove/", expect(302, "secretariat"), {}),
    ("/procurement/{ws}/milestones/{milestone}/edit/", expect(302, *RUNNERS), {"owner": "事務局"}),
]
