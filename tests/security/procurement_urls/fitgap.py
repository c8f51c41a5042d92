"""The fit-gap matrix (機能適合分析) and the common forms (規定帳票): inside work, never the overseers'."""

from portal.models import SystemArea
from tests.factories import CommonFormFactory, FunctionFactory
from tests.security.procurement_urls import expect

INSIDE = ["founder", "member", "secretariat", "consultant"]
RUNNERS = ["founder", "secretariat"]


def targets(world):
    workspace = world["workspace"]
    area = SystemArea.objects.get(name="住民記録")
    workspace.areas.add(area)
    function = FunctionFactory(workspace=workspace, area=area, name="住民票の写しの交付")
    form = CommonFormFactory(workspace=workspace, name="住民票の写し")
    return {"function": function.pk, "form": form.pk}


GET_URLS = [
    ("/procurement/{ws}/fit-gap/", expect(200, *INSIDE)),
    ("/procurement/{ws}/fit-gap/import/", expect(200, *RUNNERS)),
    ("/procurement/{ws}/fit-gap/export.csv", expect(200, *INSIDE)),
    ("/procurement/{ws}/fit-gap/export.xlsx", expect(200, *INSIDE)),
    ("/procurement/{ws}/forms/", expect(200, *INSIDE)),
]

POST_URLS = [
    # Nothing changed: each saves nothing and goes back to the page.
    ("/procurement/{ws}/fit-gap/", expect(302, *INSIDE), {}),
    ("/procurement/{ws}/forms/", expect(302, *INSIDE), {}),
    # An empty typed function: the page again with its message.
    ("/procurement/{ws}/fit-gap/import/", expect(200, *RUNNERS), {"action": "add"}),
    # Removing twice is harmless, so the second runner is answered as the first.
    ("/procurement/{ws}/fit-gap/functions/{function}/remove/", expect(302, *RUNNERS), {}),
    ("/procurement/{ws}/forms/add/", expect(200, *RUNNERS), {"new-name": ""}),
    ("/procurement/{ws}/forms/{form}/rename/", expect(302, *RUNNERS), {"name": "住民票の写し（世帯全員）"}),
    ("/procurement/{ws}/forms/{form}/remove/", expect(302, *RUNNERS), {}),
]
