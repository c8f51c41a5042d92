"""The desk in English names the reference data in English: municipalities alphabetically, system
areas in the admins' 表示順 (an editorial order, the same in both languages)."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.models import Municipality, Role, SystemArea
from tests.consultations.conftest import log_in
from tests.factories import consultation, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference_data(db):
    call_command("load_reference_data", verbosity=0)


def option_labels(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return [
        label.strip()
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)<', select)
        if value
    ]


def checkbox_labels(html: str, name: str) -> list[str]:
    return re.findall(
        rf'<input type="checkbox" name="{name}"[^>]*id="([^"]+)"[^>]*> <label for="\1">([^<]+)<', html
    )


def test_the_english_filing_form_names_system_areas_and_partner_municipalities_in_english(
    client, reference_data
):
    staff = member(Role.STAFF, municipality=Municipality.objects.get(name="香芝市"))
    log_in(client, staff)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("consultations:new")).content.decode()
    areas = [label for _, label in checkbox_labels(html, "system_areas")]
    assert areas[:3] == ["Resident records", "Taxation", "National Health Insurance"]
    assert areas == [str(a) for a in SystemArea.objects.filter(active=True)]
    partners = option_labels(html, "joint_municipalities")
    assert partners[:3] == ["Ando Town", "Asuka Village", "Gojo City"]
    assert partners == sorted(partners) and len(partners) == 38
    assert "Kashiba City" not in partners  # one's own municipality is not a partner
    assert "Municipal staff (Kashiba City)" in html
    assert "香芝市" not in html


def test_the_japanese_filing_form_keeps_gojuon_order(client, reference_data):
    staff = member(Role.STAFF, municipality=Municipality.objects.get(name="香芝市"))
    log_in(client, staff)
    html = client.get(reverse("consultations:new")).content.decode()
    assert option_labels(html, "joint_municipalities")[:3] == ["明日香村", "安堵町", "斑鳩町"]
    assert [label for _, label in checkbox_labels(html, "system_areas")][:2] == ["住民記録", "税務"]
    assert "市町村職員（香芝市）" in html


def test_the_advisors_queue_filters_by_municipality_in_english_alphabetically(client, reference_data):
    advisor = member(Role.ADVISOR)
    kawai = Municipality.objects.get(name="河合町")
    consultation(member(Role.STAFF, municipality=kawai))
    log_in(client, advisor)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("consultations:queue")).content.decode()
    municipalities = option_labels(html, "municipality")
    assert municipalities == sorted(municipalities) and municipalities[0] == "Ando Town"
    assert "<td>Kawai Town</td>" in html


def test_one_consultation_in_the_queue_is_counted_in_the_singular(client):
    staff = member(Role.STAFF)
    consultation(staff)
    log_in(client, staff)
    client.cookies["django_language"] = "en"
    assert "1 consultation<" in client.get(reverse("consultations:queue")).content.decode()


def test_the_english_dashboard_names_municipalities_in_english(client, reference_data):
    consultation(member(Role.STAFF, municipality=Municipality.objects.get(name="河合町")))
    log_in(client, member(Role.ADVISOR))
    client.cookies["django_language"] = "en"
    html = client.get(reverse("consultations:dashboard")).content.decode()
    assert '<th scope="row">Kawai Town</th><td>1</td>' in html
    silent = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>None', html)
    assert len(silent) == 38 and silent == sorted(silent)
