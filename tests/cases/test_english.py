"""The English UI names the reference data in English and lists it alphabetically."""

import re

import pytest

from cases.models import CaseStudyPage
from tests.conftest import built_once, seed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seed, loaded once for the module: each test's writes are rolled back to it."""
    yield from built_once(django_db_blocker, seed)


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return [
        label.strip()
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select)
        if value
    ]


def test_the_case_list_offers_districts_in_english_alphabetically(client, seeded):
    client.cookies["django_language"] = "en"
    districts = options(client.get("/cases/").content.decode(), "district")
    assert districts == [
        "Ikoma District",
        "Kitakatsuragi District",
        "Shiki District",
        "Takaichi District",
        "Uda District",
        "Yamabe District",
        "Yoshino District",
    ]


def test_an_english_district_filter_still_finds_its_cases(client, seeded):
    client.cookies["django_language"] = "en"
    html = client.get("/cases/", {"district": "北葛城郡"}).content.decode()
    assert re.search(r'<option value="北葛城郡" selected>Kitakatsuragi District</option>', html)


def test_the_case_count_is_a_real_english_plural(client, seeded):
    client.cookies["django_language"] = "en"
    total = CaseStudyPage.objects.live().count()
    assert total > 1
    assert f">{total} cases<" in client.get("/cases/").content.decode()
    one = CaseStudyPage.objects.live().order_by("pk").first()
    html = client.get("/cases/", {"arrangement": one.arrangement, "system": one.system}).content.decode()
    count = int(re.search(r'id="results-heading">(\d+) cases?<', html).group(1))
    assert (f">{count} case<" if count == 1 else f">{count} cases<") in html
    assert "case(s)" not in html


def test_comparing_one_case_says_case_not_cases(client, seeded):
    client.cookies["django_language"] = "en"
    one = CaseStudyPage.objects.live().order_by("pk").first()
    html = client.get("/cases/compare/", {"ids": one.pk}).content.decode()
    assert "Comparison of 1 case<" in html
    members = sorted([*(m.name_en for m in one.municipalities.all()), *one.other_body_list])
    assert len(members) > 1 and ", ".join(members) in html
    assert "、" not in html.split("<table", 1)[1].split("</table>", 1)[0]


def test_the_adoption_matrix_lists_municipalities_in_english_alphabetically(client, seeded):
    client.cookies["django_language"] = "en"
    html = client.get("/cases/adoption/").content.decode()
    matrix = re.search(r"municipalities \(alphabetical\).*?</tbody>", html, re.S).group(0)
    rows = re.findall(r'<th scope="row">([^<]+)</th>', matrix)
    assert len(rows) == 39
    assert rows[:3] == ["Ando Town", "Asuka Village", "Gojo City"]
    assert rows == sorted(rows)
    assert "香芝市" not in html and "Kashiba City" in html


def test_the_adoption_matrix_stays_in_gojuon_order_in_japanese(client, seeded):
    html = client.get("/cases/adoption/").content.decode()
    matrix = re.search(r"市町村（五十音順）.*?</tbody>", html, re.S).group(0)
    rows = re.findall(r'<th scope="row">([^<]+)</th>', matrix)
    assert rows[:3] == ["明日香村", "安堵町", "斑鳩町"]
