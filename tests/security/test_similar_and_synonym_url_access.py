"""/search/similar and the synonym snippet against every role: what each
may open (200), what sends them to log in (302) and what does not exist for them (404)."""

import pytest

from portal.models import Membership, Role
from tests.factories import member

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "pending", "staff", "advisor", "official", "admin"]


def expect(**by_role):
    return [by_role.get(role, by_role.get("default")) for role in ROLES]


@pytest.fixture
def people():
    return {
        "anonymous": None,
        "pending": member(Role.STAFF, state=Membership.State.PENDING),
        "staff": member(Role.STAFF),
        "advisor": member(Role.ADVISOR),
        "official": member(Role.OFFICIAL),
        "admin": member(Role.ADMIN),
    }


# Without text the page asks for it and queries nothing: the access decision alone is tested here.
URLS = [
    ("/search/similar?for=post", expect(anonymous=302, pending=404, official=404, default=200)),
    ("/search/similar?for=post&fragment=1", expect(anonymous=302, pending=404, official=404, default=200)),
    ("/search/similar?for=consultation", expect(anonymous=302, staff=200, default=404)),
    ("/search/similar?for=consultation&fragment=1", expect(anonymous=302, staff=200, default=404)),
    ("/search/similar?for=elsewhere", expect(anonymous=302, default=404)),
    # Wagtail's admin sends whoever may not enter it to its login page.
    ("/admin/snippets/search/synonymrule/", expect(advisor=200, admin=200, default=302)),
    ("/admin/snippets/search/synonymrule/add/", expect(advisor=200, admin=200, default=302)),
]


@pytest.mark.parametrize(("url", "expected"), URLS, ids=[u for u, _ in URLS])
def test_search_urls_by_role(client, log_in, people, url, expected):
    for role, status in zip(ROLES, expected, strict=True):
        client.logout()
        if people[role] is not None:
            log_in(people[role])
        response = client.get(url)
        assert response.status_code == status, (role, url)
        if role == "anonymous":
            assert "login" in response["Location"], url


def test_similar_answers_get_only(client, log_in, people):
    log_in(people["staff"])
    assert client.post("/search/similar?for=post").status_code == 405
