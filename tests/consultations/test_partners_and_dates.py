"""The filing form's partner picker (check boxes by district, 五十音順) and dates as officials read them."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, Event
from portal.models import Municipality, Role
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def kashiba_staff(db):
    call_command("load_reference_data", verbosity=0)
    return member(Role.STAFF, Municipality.objects.get(name="香芝市"))


def partner_groups(html: str) -> dict[str, list[str]]:
    """Each district's legend and the names of its check boxes, in page order."""
    picker = html[html.index('class="partner-picker') :]
    groups = {}
    for legend, body in re.findall(
        r'<legend class="partner-picker__district">([^<]+)</legend>(.*?)</fieldset>', picker, re.S
    ):
        assert body.count('type="checkbox"') == body.count("<label")
        groups[legend] = re.findall(r"<label[^>]*>([^<]+)</label>", body)
    return groups


def test_partners_are_check_boxes_grouped_by_district_in_gojuon_order_without_the_filer(
    client, log_in, kashiba_staff
):
    log_in(kashiba_staff)
    groups = partner_groups(client.get(reverse("consultations:new")).content.decode())
    assert list(groups) == ["市部", "生駒郡", "宇陀郡", "北葛城郡", "磯城郡", "高市郡", "山辺郡", "吉野郡"]
    assert groups["北葛城郡"] == ["王寺町", "河合町", "上牧町", "広陵町"]
    assert groups["市部"][:3] == ["生駒市", "宇陀市", "橿原市"]
    assert "香芝市" not in groups["市部"]
    assert sum(len(names) for names in groups.values()) == 38


def test_the_filter_box_is_offered_only_to_browsers_that_run_the_script(client, log_in, kashiba_staff):
    log_in(kashiba_staff)
    html = client.get(reverse("consultations:new")).content.decode()
    assert re.search(r"<div class=\"partner-picker__filter\" data-partner-filter hidden>", html)
    nonce = re.search(r'<script src="[^"]*partner-filter\.js" nonce="([^"]+)" defer></script>', html)
    assert nonce and nonce.group(1) in html and nonce.group(1) != ""


def test_ticked_partners_stay_ticked_after_a_validation_error(client, log_in, kashiba_staff):
    log_in(kashiba_staff)
    kawai, koryo = Municipality.objects.get(name="河合町"), Municipality.objects.get(name="広陵町")
    response = client.post(
        reverse("consultations:new"),
        {
            "title": "",
            "body": "共同調達の相談",
            "category": "procurement",
            "priority": "normal",
            "joint_municipalities": [kawai.pk, koryo.pk],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    checked = re.findall(
        r'<input type="checkbox" name="joint_municipalities" value="(\d+)"[^>]*checked', html
    )
    assert sorted(checked) == sorted([str(kawai.pk), str(koryo.pk)])
    assert not Consultation.objects.exists()


def test_history_threads_and_notifications_show_the_era_the_gregorian_year_and_the_time(client, log_in, desk):
    advisor = desk["people"]["advisor"]
    Event.objects.filter(consultation=desk["c"]).update(
        at=datetime.datetime(2026, 11, 26, 5, 5, tzinfo=datetime.UTC)
    )
    log_in(advisor)
    html = client.get(reverse("consultations:detail", args=[desk["c"].reference])).content.decode()
    assert "<td>令和8年（2026年）11月26日 14:05</td>" in html


def test_the_queue_shows_due_dates_with_the_gregorian_year(client, log_in, desk):
    Consultation.objects.filter(pk=desk["c"].pk).update(resolution_due=datetime.date(2026, 12, 1))
    log_in(desk["people"]["advisor"])
    assert "令和8年（2026年）12月1日" in client.get(reverse("consultations:queue")).content.decode()


def test_dashboard_months_read_like_reiwa_8_april_not_2026_04(client, log_in, desk):
    today = timezone.localdate()
    log_in(desk["people"]["official"])
    html = client.get(reverse("consultations:dashboard")).content.decode()
    assert f"令和{today.year - 2018}年（{today.year}年）{today.month}月" in html
    assert not re.search(rf">{today.year}-{today.month:02d}<", html)
