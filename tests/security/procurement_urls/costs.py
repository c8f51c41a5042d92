"""The cost model, the cost-sharing calculator and the case-study draft.

The draft is read against a 稼働済み twin of the world's group (same members, contacts and secretariat),
since only a live group drafts its case; the case index and its 決裁 are set up for it."""

from cases.workflow import ensure_case_workflow
from procurement.models import WorkspaceStatus
from tests.factories import (
    SecretariatFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
    case_index,
    home_page,
)
from tests.security.procurement_urls import expect

FOLLOWERS = ["founder", "member", "secretariat", "consultant", "advisor", "official"]
INSIDE = ["founder", "member", "secretariat", "consultant"]
RUNNERS = ["founder", "secretariat"]


def _live_twin(world):
    people, towns = world["people"], world["towns"]
    twin = WorkspaceFactory(
        name="北葛城基幹システム共同化検討会（稼働済み）",
        status=WorkspaceStatus.LIVE,
        created_by=people["founder"],
    )
    WorkspaceMemberFactory(
        workspace=twin, municipality=towns["founder"], is_founder=True, contact=people["founder"]
    )
    WorkspaceMemberFactory(workspace=twin, municipality=towns["member"], contact=people["member"])
    SecretariatFactory(workspace=twin, user=people["secretariat"])
    SecretariatFactory(workspace=twin, user=people["consultant"])
    return twin


def targets(world):
    home_page()
    ensure_case_workflow(case_index())
    members = world["workspace"].members
    return {
        "founder_row": members.get(is_founder=True).pk,
        "member_row": members.get(is_founder=False).pk,
        "live": _live_twin(world).slug,
    }


SHARING = {"total_yen": "1000001", "equal_percent": "30", "population_percent": "70", "usage_percent": "0"}
DRAFT = {"title": "共同化の事例", "went_live_on": "2030-04-01", "lessons": "原課職員が適合分析を行った。"}

GET_URLS = [
    ("/procurement/{ws}/costs/", expect(200, *FOLLOWERS)),
    ("/procurement/{ws}/costs/{founder_row}/", expect(200, *RUNNERS)),
    ("/procurement/{ws}/costs/{member_row}/", expect(200, *RUNNERS, "member")),
    ("/procurement/{ws}/cost-sharing/", expect(200, *FOLLOWERS)),
    ("/procurement/{live}/case-drafts/", expect(200, *RUNNERS)),
]

POST_URLS = [
    ("/procurement/{ws}/costs/{founder_row}/", expect(302, *RUNNERS), {"current_annual_yen": "100"}),
    ("/procurement/{ws}/costs/{member_row}/", expect(302, *RUNNERS, "member"), {"current_annual_yen": "50"}),
    # The same name and mix posted by one persona after another is the scenario already saved.
    (
        "/procurement/{ws}/cost-sharing/scenarios/",
        expect(302, *INSIDE),
        {**SHARING, "name": "均等割30・人口割70"},
    ),
    # The first runner drafts; the second is told it is drafted and sent to it.
    ("/procurement/{live}/case-drafts/", expect(302, *RUNNERS), DRAFT),
]
