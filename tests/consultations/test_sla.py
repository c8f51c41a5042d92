"""SLA due dates in business days, and the clock that stops while a consultation waits on the
municipality (the calendar itself: tests/portal/test_calendar.py)."""

import datetime

import pytest

from consultations import sla
from consultations.models import Consultation, Priority, Status
from portal import calendar

D = datetime.date


@pytest.mark.parametrize(
    ("priority", "first", "resolution"),
    [
        (Priority.URGENT, D(2026, 11, 27), D(2026, 12, 3)),
        (Priority.NORMAL, D(2026, 12, 1), D(2026, 12, 17)),
        (Priority.LOW, D(2026, 12, 3), D(2027, 1, 14)),  # closure and 成人の日 skipped
    ],
)
def test_default_targets_per_priority(priority, first, resolution):
    assert sla.due_dates(filed_on=D(2026, 11, 26), priority=priority) == (first, resolution)


def test_targets_follow_the_settings(settings):
    settings.CONSULTATION_SLA_DAYS = {**settings.CONSULTATION_SLA_DAYS, "urgent": (2, 4)}
    assert sla.due_dates(filed_on=D(2026, 11, 26), priority=Priority.URGENT) == (
        D(2026, 11, 30),
        D(2026, 12, 2),
    )


def test_the_clock_pauses_while_waiting_on_the_municipality():
    filed = D(2026, 11, 2)  # Monday
    consultation = Consultation(priority=Priority.URGENT, status=Status.IN_PROGRESS)
    consultation.first_response_at = datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC)
    sla.refresh_due_dates(consultation, filed_on=filed)
    assert consultation.resolution_due == D(2026, 11, 10)  # 3 Nov is 文化の日
    consultation.status = Status.WAITING
    sla.pause(consultation, today=D(2026, 11, 4))
    assert not sla.is_overdue(consultation, today=D(2026, 11, 20))  # paused: never overdue
    consultation.status = Status.IN_PROGRESS
    sla.resume(consultation, today=D(2026, 11, 9), filed_on=filed)  # waited Thu, Fri, Mon
    assert consultation.paused_business_days == 3
    assert consultation.resolution_due == D(2026, 11, 13)
    assert not sla.is_overdue(consultation, today=D(2026, 11, 13))
    assert sla.is_overdue(consultation, today=D(2026, 11, 16))


def test_due_soon_flags_the_next_business_day():
    consultation = Consultation(priority=Priority.NORMAL, status=Status.IN_PROGRESS)
    consultation.first_response_at = datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC)
    consultation.resolution_due = D(2026, 11, 30)  # Monday
    assert sla.is_due_soon(consultation, today=D(2026, 11, 27))  # Friday before
    assert not sla.is_due_soon(consultation, today=D(2026, 11, 25))
    assert not sla.is_due_soon(consultation, today=D(2026, 12, 1))  # overdue instead
    assert sla.is_overdue(consultation, today=D(2026, 12, 1))


def test_days_spent_resolved_do_not_count_when_the_consultation_is_reopened():
    filed = D(2026, 11, 2)  # Monday
    consultation = Consultation(priority=Priority.URGENT, status=Status.IN_PROGRESS)
    consultation.first_response_at = datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC)
    sla.refresh_due_dates(consultation, filed_on=filed)
    assert consultation.resolution_due == D(2026, 11, 10)
    consultation.status = Status.RESOLVED
    sla.pause(consultation, today=D(2026, 11, 5))  # resolved on Thursday, 3 business days left
    consultation.status = Status.IN_PROGRESS
    sla.resume(consultation, today=D(2026, 11, 24), filed_on=filed)  # reopened after 勤労感謝の日
    assert consultation.paused_business_days == 12  # 6 Nov … 24 Nov, 23 Nov a holiday
    assert consultation.resolution_due == D(2026, 11, 27)
    assert not sla.is_overdue(consultation, today=D(2026, 11, 24))
    assert sla.is_overdue(consultation, today=D(2026, 11, 30))


@pytest.mark.django_db
def test_a_consultation_reopened_weeks_after_resolution_is_not_instantly_overdue():
    from django.utils import timezone

    from consultations import services
    from portal.models import Role
    from tests.factories import consultation as file_consultation
    from tests.factories import member

    staff, advisor = member(Role.STAFF), member(Role.ADVISOR)
    c = file_consultation(staff, priority=Priority.URGENT)
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    services.message_post(consultation_id=c.pk, actor=advisor, body="回答です")
    services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    # Move the whole story four weeks back: filed and resolved (the clock stopped) on that day, so
    # the urgent target (5 business days) is long past by the calendar.
    weeks_ago = timezone.now() - datetime.timedelta(days=28)
    Consultation.objects.filter(pk=c.pk).update(
        resolved_at=weeks_ago, created_at=weeks_ago, waiting_since=timezone.localdate(weeks_ago)
    )
    c.refresh_from_db()
    sla.refresh_due_dates(c, filed_on=timezone.localdate(weeks_ago))
    c.save(update_fields=["first_response_due", "resolution_due"])
    services.consultation_transition(consultation_id=c.pk, actor=staff, to=Status.IN_PROGRESS)
    c.refresh_from_db()
    today = timezone.localdate()
    assert c.waiting_since is None
    assert not sla.is_overdue(c, today=today)
    assert c.resolution_due >= calendar.add_business_days(today, 0)
