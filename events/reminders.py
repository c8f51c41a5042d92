"""Reminders the working day before an event and follow-up requests after it, sent by the daily sweep.

The reminder goes out on the last business day (portal.calendar: no weekends, holidays or 12/29–1/3)
before the event's day, so an event on a Monday is announced on the Friday before and one on 4 January
on 28 December. A sweep that missed a day catches up while the event is still ahead. Each registration
is reminded, and asked for its follow-up, once (reminded_at, follow_up_requested_at).
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from events import notifications
from events.models import EventState, FollowUp, Registration, RegistrationState
from portal.calendar import ONE_DAY, is_business_day
from portal.task_retry import retrying_task


def reminder_day(event_day: datetime.date) -> datetime.date:
    """The last business day before the event's day."""
    day = event_day - ONE_DAY
    while not is_business_day(day):
        day -= ONE_DAY
    return day


def _send(kind: str, key: str, registration: Registration) -> None:
    notifications.notify.enqueue(
        kind=kind,
        key=key,
        user_ids=[registration.person_id],
        title=registration.event.title,
        url=reverse("events:detail", args=[registration.event_id]),
    )


def send_reminders(now: datetime.datetime) -> int:
    """Remind each confirmed registration whose reminder day has come and whose event is still ahead."""
    today = timezone.localdate(now)
    due = Registration.objects.filter(
        state=RegistrationState.CONFIRMED,
        reminded_at__isnull=True,
        event__state=EventState.PUBLISHED,
        event__starts_at__gt=now,
    ).select_related("event")
    sent = 0
    for registration in due:
        event_day = timezone.localdate(registration.event.starts_at)
        if event_day <= today or reminder_day(event_day) > today:
            continue
        with transaction.atomic():
            claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                _send(notifications.REMINDER, f"events-reminder:{registration.pk}", registration)
                sent += claimed
    return sent


def send_follow_up_requests(now: datetime.datetime) -> int:
    """Ask each attendee of an ended event for their follow-up, once, unless they gave it already."""
    due = (
        Registration.objects.filter(
            attended=True, follow_up_requested_at__isnull=True, event__ends_at__lte=now
        )
        .exclude(pk__in=FollowUp.objects.values("registration_id"))
        .select_related("event")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, follow_up_requested_at__isnull=True
            ).update(follow_up_requested_at=now)
            if claimed:
                _send(notifications.FOLLOW_UP, f"events-follow-up:{registration.pk}", registration)
                sent += claimed
    return sent


@retrying_task()
def daily_sweep() -> dict:
    now = timezone.now()
    return {"reminders": send_reminders(now), "follow_ups": send_follow_up_requests(now)}
