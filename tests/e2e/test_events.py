"""The events journey in a real browser, with axe on every page: staff of 香芝市 register for an upcoming
study session and download its .ics, and the advisor records who came to a past one."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from icalendar import Calendar

from events.models import Registration
from portal.models import Role
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.factories import EventFactory, MunicipalityFactory, member, registered

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_register_and_download_the_ics_and_the_advisor_records_attendance(visit):
    staff = member(Role.STAFF, MunicipalityFactory(name="香芝市", kana="かしばし"))
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    upcoming = EventFactory(organiser=advisor, title="ガバメントクラウド移行 勉強会")
    start = timezone.now() - datetime.timedelta(days=2)
    past = EventFactory(
        organiser=advisor,
        title="標準化 説明会",
        starts_at=start,
        registration_deadline=start - datetime.timedelta(days=1),
    )
    came = registered(past, staff)

    s = visit()
    log_in(s, staff)
    s.page.goto("/events/")
    assert s.axe_violations() == []
    s.page.get_by_role("link", name="ガバメントクラウド移行 勉強会").click()
    s.page.wait_for_url(f"**/events/{upcoming.pk}/")
    assert s.axe_violations() == []
    s.page.get_by_role("button", name="申し込む").click()
    s.page.wait_for_url(f"**/events/{upcoming.pk}/")
    assert "申し込みました（参加確定）。" in s.page.locator(".messages").inner_text()
    assert s.axe_violations() == []
    assert Registration.objects.get(event=upcoming).person == staff
    with s.page.expect_download() as download:
        s.page.get_by_role("link", name="カレンダーに追加する（.ics ファイル）").click()
    calendar = Calendar.from_ical(open(download.value.path(), "rb").read())
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["【勉強会】ガバメントクラウド移行 勉強会"]

    a = visit()
    log_in(a, advisor)
    a.page.goto(f"/events/{past.pk}/attendance/")
    assert a.axe_violations() == []
    a.page.get_by_role("checkbox", name=f"{staff.get_full_name()}（香芝市）").check()
    a.page.get_by_role("button", name="出欠を記録する").click()
    a.page.wait_for_url(f"**/events/{past.pk}/")
    assert "出欠を記録しました（出席 1 人）。" in a.page.locator(".messages").inner_text()
    assert a.axe_violations() == []
    came.refresh_from_db()
    assert came.attended is True
    assert a.foreign_requests() == [] and s.foreign_requests() == []
