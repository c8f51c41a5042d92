"""Every /cases/ URL against every role: what each may open (200), what sends them to log in (302),
and what does not exist for them (404)."""

import copy

import pytest

from cases.models import CaseStudyPage
from portal.models import Municipality, Role
from tests.conftest import built_once, seed
from tests.factories import ReadinessAssessmentFactory, member

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff_own", "staff_other", "official", "advisor"]


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker):
    """The seeded cases and the people, built once for the module: each test's requests are rolled back."""
    yield from built_once(django_db_blocker, _world)


@pytest.fixture
def world(_built):
    return copy.deepcopy(_built)


def _world():
    seed()
    kashiba = Municipality.objects.get(name="香芝市")
    kawai = Municipality.objects.get(name="河合町")
    assessment = ReadinessAssessmentFactory(municipality=kashiba, score=40)
    people = {
        "anonymous": None,
        "staff_own": member(Role.STAFF, kashiba),
        "staff_other": member(Role.STAFF, kawai),
        "official": member(Role.OFFICIAL),
        "advisor": member(Role.ADVISOR),
    }
    draft = CaseStudyPage.objects.get(slug="tandoku-cloud")
    draft.unpublish()
    return {"people": people, "assessment": assessment}


def expect(**by_role):
    return [by_role.get(role, by_role.get("default")) for role in ROLES]


URLS = [
    ("/cases/", expect(default=200)),
    ("/cases/nara-kikan-kyodoka-kentokai/", expect(default=200)),
    ("/cases/tandoku-cloud/", expect(default=404)),  # unpublished: a draft again
    ("/cases/adoption/", expect(default=200)),
    ("/cases/typology/", expect(default=200)),
    ("/cases/compare/", expect(default=200)),
    ("/cases/stale/", expect(anonymous=302, advisor=200, default=404)),
    ("/cases/like-mine/", expect(anonymous=302, staff_own=200, staff_other=200, default=404)),
    ("/cases/readiness/", expect(anonymous=302, default=200)),
    ("ASSESSMENT", expect(anonymous=302, staff_own=200, advisor=200, default=404)),
]


@pytest.mark.parametrize(("url", "expected"), URLS, ids=[u for u, _ in URLS])
def test_cases_urls_by_role(client, log_in, world, url, expected):
    if url == "ASSESSMENT":
        url = f"/cases/readiness/{world['assessment'].pk}/"
    for role, status in zip(ROLES, expected, strict=True):
        client.logout()
        if world["people"][role] is not None:
            log_in(world["people"][role])
        assert client.get(url).status_code == status, (role, url)
