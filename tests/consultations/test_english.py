"""The desk in English names the reference data in English: municipalities alphabetically, system
areas in the admins' 表示順 (an editorial order, the same in both languages)."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.models import Municipality, Role, SystemArea
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
        rf'<input type="checkbox" name="{name}"[^>]*id="([^"]+)"[^>]*>\s*<label for="\1">([^<]+)<', html
    )


def partner_groups(html: str) -> list[tuple[str, list[str]]]:
    """The partner check boxes as (district, names), in the order the form shows them."""
    return [
        (district, [label for _, label in checkbox_labels(group, "joint_municipalities")])
        for district, group in re.findall(
            r'<legend class="partner-picker__district">([^<]+)</legend>(.*?)</fieldset>', html, re.S
        )
    ]


def test_the_english_filing_form_names_system_areas_and_partner_municipalities_in_english(
    client, log_in, reference_data
):
    staff = member(Role.STAFF, municipality=Municipality.objects.get(name="香芝市"))
    log_in(staff)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("consultations:new")).content.decode()
    areas = [label for _, label in checkbox_labels(html, "system_areas")]
    assert areas[:3] == ["Resident records", "Taxation", "National Health Insurance"]
    assert areas == [str(a) for a in SystemArea.objects.filter(active=True)]
    groups = partner_groups(html)
    assert [district for district, _ in groups] == ["Cities", *sorted(district for district, _ in groups[1:])]
    assert all(names == sorted(names) for _, names in groups)
    assert groups[0][1][:3] == ["Gojo City", "Gose City", "Ikoma City"]
    partners = [name for _, names in groups for name in names]
    assert len(partners) == 38
    assert "Kashiba City" not in partners  # one's own municipality is not a partner
    assert "Municipal staff (Kashiba City)" in html
    assert "香芝市" not in html


def test_the_japanese_filing_form_keeps_gojuon_order(client, log_in, reference_data):
    staff = member(Role.STAFF, municipality=Municipality.objects.get(name="香芝市"))
    log_in(staff)
    html = client.get(reverse("consultations:new")).content.decode()
    groups = partner_groups(html)
    assert groups[0][0] == "市部" and groups[0][1][:3] == ["生駒市", "宇陀市", "橿原市"]
    assert [district for district, _ in groups[1:3]] == ["生駒郡", "宇陀郡"]
    assert [label for _, label in checkbox_labels(html, "system_areas")][:2] == ["住民記録", "税務"]
    assert "市町村職員（香芝市）" in html


def test_the_advisors_queue_filters_by_municipality_in_english_alphabetically(client, log_in, reference_data):
    advisor = member(Role.ADVISOR)
    kawai = Municipality.objects.get(name="河合町")
    consultation(member(Role.STAFF, municipality=kawai))
    log_in(advisor)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("consultations:queue")).content.decode()
    municipalities = option_labels(html, "municipality")
    assert municipalities == sorted(municipalities) and municipalities[0] == "Ando Town"
    assert '<td class="keep-words">Kawai Town</td>' in html


def test_one_consultation_in_the_queue_is_counted_in_the_singular(client, log_in):
    staff = member(Role.STAFF)
    consultation(staff)
    log_in(staff)
    client.cookies["django_language"] = "en"
    assert "1 consultation<" in client.get(reverse("consultations:queue")).content.decode()


def test_the_english_dashboard_names_municipalities_in_english(client, log_in, reference_data):
    consultation(member(Role.STAFF, municipality=Municipality.objects.get(name="河合町")))
    log_in(member(Role.ADVISOR))
    client.cookies["django_language"] = "en"
    html = client.get(reverse("consultations:dashboard")).content.decode()
    assert '<th scope="row">Kawai Town</th><td>1</td>' in html
    silent = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>None', html)
    assert len(silent) == 38 and silent == sorted(silent)
