"""/procurement/ and a group's overview."""

from tests.procurement.conftest import PERSONAS
from tests.security.procurement_urls import expect

SIGNED_IN = [p for p in PERSONAS if p not in {"anonymous", "pending"}]
KNOWS_OF = ["founder", "member", "invited", "recruitable", "secretariat", "consultant", "advisor", "official"]


def targets(world):
    return {}


GET_URLS = [
    ("/procurement/", expect(200, *SIGNED_IN)),
    ("/procurement/{ws}/", expect(200, *KNOWS_OF)),
]

POST_URLS = []
