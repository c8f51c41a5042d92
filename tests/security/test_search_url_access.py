"""Every /search/ URL against every role: searching is open to all (results are limited per reader in
the query), the list of queries that found nothing is for advisors and admins."""

import pytest
from django.urls import reverse

from tests.factories import member

pytestmark = pytest.mark.django_db

OK, FORBIDDEN, LOGIN = 200, 403, "login"
PERSONAS = ["anonymous", "staff", "advisor", "official", "admin"]

GET_URLS = [
    ("search:results", {}, dict.fromkeys(PERSONAS, OK)),
    ("search:results", {"q": "クラウド"}, dict.fromkeys(PERSONAS, OK)),
    ("search:suggest", {"q": "くら"}, dict.fromkeys(PERSONAS, OK)),
    (
        "search:zero_results",
        {},
        {"anonymous": LOGIN, "staff": FORBIDDEN, "advisor": OK, "official": FORBIDDEN, "admin": OK},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "params", "expected"), GET_URLS, ids=lambda v: v if isinstance(v, str) else ""
)
def test_search_pages_by_role(client, log_in, search_indexes, persona, name, params, expected):
    if persona != "anonymous":
        log_in(member(persona))

    response = client.get(reverse(name), params)

    if expected[persona] == LOGIN:
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    else:
        assert response.status_code == expected[persona]


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_search_urls_answer_only_get(client, search_indexes, method):
    response = getattr(client, method)(reverse("search:results"), {"q": "x"})
    assert response.status_code == 405


def test_every_search_url_is_in_the_table():
    from search import urls

    # /search/similar has its own table in test_similar_and_synonym_url_access.py.
    tabled = {name for name, _params, _e in GET_URLS} | {"search:similar"}
    assert {f"search:{p.name}" for p in urls.urlpatterns} == tabled
