"""Calendar files parsed back with icalendar: one event's, and a person's confirmed registrations."""

import datetime

import pytest
from icalendar import Calendar

from portal.models import Role
from tests.factories import EventFactory, member, registered

pytestmark = pytest.mark.django_db


def _parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_an_events_ics_has_its_times_title_place_and_a_stable_uid(log_in):
    event = EventFactory(title="ガバメントクラウド 勉強会", place="奈良県庁 第1会議室")
    client = log_in(member(Role.STAFF))
    first = _parsed(client.get(f"/events/{event.pk}/event.ics"))
    again = _parsed(client.get(f"/events/{event.pk}/event.ics"))
    [entry] = first.walk("VEVENT")
    assert entry["summary"] == "【勉強会】ガバメントクラウド 勉強会"
    assert entry["location"] == "奈良県庁 第1会議室"
    assert entry.decoded("dtstart") == event.starts_at.astimezone(datetime.UTC).replace(microsecond=0)
    assert entry.decoded("dtend") == event.ends_at.astimezone(datetime.UTC).replace(microsecond=0)
    assert entry["uid"] == next(iter(again.walk("VEVENT")))["uid"]
    assert f"/events/{event.pk}/" in str(entry["url"])


def test_my_ics_lists_only_my_confirmed_registrations(log_in):
    person = member(Role.STAFF)
    confirmed, waiting, cancelled, others = (EventFactory(title=t) for t in ("確定", "待ち", "取消", "他人"))
    registered(confirmed, person)
    registered(waiting, person, state="waiting")
    registered(cancelled, person, state="cancelled")
    registered(others, member(Role.STAFF))
    calendar = _parsed(log_in(person).get("/events/mine.ics"))
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["【勉強会】確定"]


def test_a_draft_events_ics_does_not_exist_for_staff_and_consultants_get_none(log_in, client):
    draft = EventFactory(state="draft")
    assert log_in(member(Role.STAFF)).get(f"/events/{draft.pk}/event.ics").status_code == 404
    assert log_in(member(Role.CONSULTANT)).get(f"/events/{EventFactory().pk}/event.ics").status_code == 404
