"""Side-by-side comparison: up to four cases, differences marked, selection kept and shareable."""

import re
from decimal import Decimal

import pytest

from cases.models import CaseStudyPage
from tests.factories import MunicipalityFactory, case_study

pytestmark = pytest.mark.django_db


def row(html: str, label: str) -> str:
    match = re.search(
        r"<tr( class=\"differs\")?>\s*<th scope=\"row\">" + re.escape(label) + r".*?</tr>", html, re.S
    )
    assert match, label
    return match.group(0)


def test_two_cases_side_by_side_with_differences_marked(client, seeded):
    kentokai = CaseStudyPage.objects.get(slug="nara-kikan-kyodoka-kentokai")
    single = CaseStudyPage.objects.get(slug="tandoku-cloud")
    html = client.get(f"/cases/compare/?ids={kentokai.pk},{single.pk}").content.decode()
    arrangement = row(html, "導入形態")
    assert 'class="differs"' in arrangement and "違いあり" in arrangement
    assert "共同クラウド" in arrangement and "単独クラウド" in arrangement
    system = row(html, "対象システム")
    assert 'class="differs"' not in system and "違いあり" not in system
    assert "56%" in row(html, "経費削減率")
    assert "平成23年（2011年）5月" in row(html, "最初の稼働")


def test_selection_survives_navigation_and_the_share_url_reproduces_it(client, db):
    a = case_study(title="事例A", cost_reduction_percent=Decimal("10"))
    b = case_study(title="事例B", cost_reduction_percent=Decimal("10"))
    for case in (a, b):
        client.post("/cases/compare/update/", {"action": "add", "case": case.pk, "next": "/cases/"})
    listing = client.get("/cases/").content.decode()
    assert "比較リスト（2件）" in listing
    assert f"/cases/compare/?ids={a.pk}%2C{b.pk}" in listing
    html = client.get("/cases/compare/").content.decode()
    assert "事例A" in html and "事例B" in html
    assert 'class="differs"' not in row(html, "経費削減率")
    share = re.search(r'id="share-url" type="text" readonly value="([^"]+)"', html).group(1)
    assert share.endswith(f"/cases/compare/?ids={a.pk}%2C{b.pk}")

    from django.test import Client

    other = Client()
    shared = other.get(share.replace("http://testserver", "")).content.decode()
    assert "事例A" in shared and "事例B" in shared


def test_at_most_four_cases_are_compared(client, db):
    cases = [case_study(title=f"比較{n}") for n in range(5)]
    for case in cases:
        client.post("/cases/compare/update/", {"action": "add", "case": case.pk, "next": "/cases/"})
    assert client.session["cases_compare"] == [c.pk for c in cases[:4]]
    html = client.get("/cases/compare/?ids=" + ",".join(str(c.pk) for c in cases)).content.decode()
    assert "比較4" not in html and "比較3" in html
    assert "比較できるのは4件までです" in html


def test_removing_and_drafts_never_enter_the_comparison(client, db):
    a = case_study(title="公開事例")
    draft = case_study(title="下書き事例", publish=False)
    assert client.post("/cases/compare/update/", {"action": "add", "case": draft.pk}).status_code == 404
    html = client.get(f"/cases/compare/?ids={a.pk},{draft.pk}").content.decode()
    assert "公開事例" in html and "下書き事例" not in html
    client.post("/cases/compare/update/", {"action": "remove", "case": a.pk})
    assert "比較リストは空です" in client.get("/cases/compare/").content.decode()


def test_compare_update_does_not_redirect_to_other_hosts(client, db):
    a = case_study(title="事例")
    response = client.post(
        "/cases/compare/update/", {"action": "add", "case": a.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/cases/"


def test_the_list_and_the_comparison_count_members_the_same_way(client, db):
    case = case_study(
        title="県と組合も参加する事例",
        municipalities=[MunicipalityFactory()],
        other_bodies="奈良県、吉野広域行政事務組合",
    )
    listed = client.get("/cases/").content.decode()
    assert f"参加団体数</dt><dd>{case.member_count}</dd>" in listed
    assert case.member_count == 3
    compared = client.get(f"/cases/compare/?ids={case.pk}").content.decode()
    assert ">3<" in compared.split("参加団体数")[1][:200]
