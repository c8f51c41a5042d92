"""Slice 2: the system inventory, the partner finder and a workspace's invitations."""

from tests.factories import SystemInUseFactory
from tests.procurement.conftest import PERSONAS
from tests.security.procurement_urls import expect

SIGNED_IN = [p for p in PERSONAS if p not in {"anonymous", "pending"}]
STAFF_AND_ADVISORS = ["founder", "member", "invited", "outsider", "recruitable", "secretariat", "advisor"]
INSIDE = ["founder", "member", "secretariat", "consultant"]
# The member town's inventory: its staff, the group's other members and secretariat, advisors, officials.
READ_MEMBER_TOWN = ["founder", "member", "secretariat", "consultant", "advisor", "official"]
KEEP_MEMBER_TOWN = ["member", "secretariat", "advisor"]


def targets(world):
    member_town = world["towns"]["member"]
    system = SystemInUseFactory(municipality=member_town)
    return {
        "member_town": member_town.code,
        "outside_town": world["towns"]["outside"].code,
        "system": system.pk,
        "invitation": world["workspace"].invitations.get().pk,
    }


# No business area: the form comes back with its message (200) and writes nothing, whoever may post it.
INVALID_SYSTEM = {
    "name": "税務システム",
    "vendor": "TKC",
    "contract_start": "2024-04-01",
    "contract_end": "2029-03-31",
    "annual_cost": "8000000",
}

GET_URLS = [
    ("/procurement/inventory/", expect(200, *SIGNED_IN)),
    ("/procurement/inventory/?municipality={member_town}", expect(200, *READ_MEMBER_TOWN)),
    ("/procurement/inventory/{member_town}/new/", expect(200, *KEEP_MEMBER_TOWN)),
    ("/procurement/inventory/{member_town}/{system}/edit/", expect(200, *KEEP_MEMBER_TOWN)),
    ("/procurement/partners/", expect(200, *STAFF_AND_ADVISORS)),
    ("/procurement/partners/?municipality={member_town}", expect(200, "member", "secretariat", "advisor")),
    ("/procurement/{ws}/partners/", expect(200, "founder", "secretariat")),
    ("/procurement/{ws}/invitations/", expect(200, *INSIDE)),
    ("/procurement/{ws}/invitations/new/?municipality={outside_town}", expect(200, "founder", "secretariat")),
    ("/procurement/{ws}/invitations/{invitation}/", expect(200, *INSIDE, "invited")),
]

POST_URLS = [
    ("/procurement/inventory/{member_town}/new/", expect(200, *KEEP_MEMBER_TOWN), INVALID_SYSTEM),
    ("/procurement/inventory/{member_town}/{system}/edit/", expect(200, *KEEP_MEMBER_TOWN), INVALID_SYSTEM),
    # The member's staff delete the row first; it is gone for those after them.
    ("/procurement/inventory/{member_town}/{system}/delete/", expect(302, "member"), {}),
    # The founder invites; the secretariat, next, is told the invitation is open already (200).
    (
        "/procurement/{ws}/invitations/new/?municipality={outside_town}",
        expect(302, "founder", secretariat=200),
        {"message": "勉強会にご参加ください。"},
    ),
    (
        "/procurement/{ws}/invitations/{invitation}/decide/",
        expect(302, "invited"),
        {"decision": "decline", "note": "今回は見送ります。"},
    ),
    # Withdrawing again is harmless: both runners are sent back to the list.
    ("/procurement/{ws}/invitations/{invitation}/withdraw/", expect(302, "founder", "secretariat"), {}),
]
