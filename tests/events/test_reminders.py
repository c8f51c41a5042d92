"""Reminders the business day before an event, and follow-up requests after it, each once."""

import datetime

import pytest
from django.utils import timezone

from events import reminders
from portal.models import Notification, Role
from tests.factories import EventFactory, member, registered, run_tasks

pytestmark = pytest.mark.django_db

TOKYO = timezone.get_default_timezone()


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("event_day", "reminded_on"),
    [
        (datetime.date(2026, 12, 8), datetime.date(2026, 12, 7)),  # Tuesday: the Monday before
        (datetime.date(2026, 12, 7), datetime.date(2026, 12, 4)),  # Monday: the Friday before
        (datetime.date(2027, 1, 4), datetime.date(2026, 12, 28)),  # after 12/29–1/3 and a weekend
        (
            datetime.date(2026, 11, 24),
            datetime.date(2026, 11, 20),
        ),  # after 勤労感謝の日 (substitute, Mon 11/23)
        (datetime.date(2026, 5, 7), datetime.date(2026, 5, 1)),  # after Golden Week
    ],
)
def test_the_reminder_day_is_the_last_business_day_before_the_event(event_day, reminded_on):
    assert reminders.reminder_day(event_day) == reminded_on


def _event_on(day: datetime.date):
    start = at(day, 13)
    return EventFactory(starts_at=start, registration_deadline=start - datetime.timedelta(days=7))


def test_an_event_on_monday_is_reminded_on_friday_once_and_not_on_thursday():
    event = _event_on(datetime.date(2026, 12, 7))
    person = member(Role.STAFF)
    registration = registered(event, person)
    assert reminders.send_reminders(at(datetime.date(2026, 12, 3))) == 0
    assert reminders.send_reminders(at(datetime.date(2026, 12, 4))) == 1
    assert reminders.send_reminders(at(datetime.date(2026, 12, 4), 15)) == 0
    assert reminders.send_reminders(at(datetime.date(2026, 12, 5))) == 0
    run_tasks()
    registration.refresh_from_db()
    assert registration.reminded_at is not None
    assert Notification.objects.filter(recipient=person, kind="events_reminder").count() == 1


def test_an_event_on_4_january_is_reminded_on_28_december():
    event = _event_on(datetime.date(2027, 1, 4))
    registered(event, member(Role.STAFF))
    assert reminders.send_reminders(at(datetime.date(2026, 12, 25))) == 0
    assert reminders.send_reminders(at(datetime.date(2026, 12, 28))) == 1


def test_a_sweep_that_missed_the_reminder_day_catches_up_while_the_event_is_ahead():
    event = _event_on(datetime.date(2026, 12, 7))
    registered(event, member(Role.STAFF))
    assert reminders.send_reminders(at(datetime.date(2026, 12, 7), 8)) == 0
    assert reminders.send_reminders(at(datetime.date(2026, 12, 6))) == 1


def test_waiting_and_cancelled_registrations_and_cancelled_events_are_not_reminded():
    event = _event_on(datetime.date(2026, 12, 8))
    registered(event, member(Role.STAFF), state="waiting")
    registered(event, member(Role.STAFF), state="cancelled")
    cancelled = _event_on(datetime.date(2026, 12, 8))
    cancelled.state = "cancelled"
    cancelled.save()
    registered(cancelled, member(Role.STAFF))
    assert reminders.send_reminders(at(datetime.date(2026, 12, 7))) == 0


def test_attendees_of_an_ended_event_are_asked_for_their_follow_up_once():
    start = timezone.now() - datetime.timedelta(days=1)
    event = EventFactory(starts_at=start, registration_deadline=start - datetime.timedelta(days=1))
    came, absent = member(Role.STAFF), member(Role.STAFF)
    registered(event, came, attended=True)
    registered(event, absent, attended=False)
    assert reminders.send_follow_up_requests(timezone.now()) == 1
    assert reminders.send_follow_up_requests(timezone.now()) == 0
    run_tasks()
    assert list(Notification.objects.filter(kind="events_follow_up").values_list("recipient", flat=True)) == [
        came.pk
    ]
