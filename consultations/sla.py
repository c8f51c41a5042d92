"""SLA due dates, in the kernel's business days (portal.calendar: 開庁日).

Targets count whole business days after the day of filing; the clock stops while a consultation
waits on the municipality (回答待ち) and while it is resolved (解決: a reopened consultation is not
late for the days it sat resolved); those business days are added to the resolution target.
"""

import datetime

from django.conf import settings

from consultations.models import Consultation, Priority, Status
from portal.calendar import add_business_days, business_days_between


def targets(priority: str) -> tuple[int, int]:
    """(first response, resolution) in business days for a priority."""
    return settings.CONSULTATION_SLA_DAYS[priority if priority in Priority.values else Priority.NORMAL]


def due_dates(*, filed_on: datetime.date, priority: str, paused_business_days: int = 0):
    first, resolution = targets(priority)
    return (
        add_business_days(filed_on, first),
        add_business_days(filed_on, resolution + paused_business_days),
    )


def refresh_due_dates(consultation: Consultation, *, filed_on: datetime.date) -> None:
    """Recompute the due dates on the instance (the caller saves)."""
    consultation.first_response_due, consultation.resolution_due = due_dates(
        filed_on=filed_on,
        priority=consultation.priority,
        paused_business_days=consultation.paused_business_days,
    )


def pause(consultation: Consultation, *, today: datetime.date) -> None:
    """The clock stops: the consultation now waits on the municipality, or is resolved."""
    if consultation.waiting_since is None:
        consultation.waiting_since = today


def resume(consultation: Consultation, *, today: datetime.date, filed_on: datetime.date) -> None:
    """The clock runs again; the business days spent waiting (or resolved) move the resolution target."""
    if consultation.waiting_since is not None:
        consultation.paused_business_days += business_days_between(consultation.waiting_since, today)
        consultation.waiting_since = None
    refresh_due_dates(consultation, filed_on=filed_on)


def is_paused(consultation: Consultation) -> bool:
    return consultation.status == Status.WAITING


def next_due(consultation: Consultation) -> datetime.date | None:
    """The earliest due date a running consultation has still to meet: the first answer's until it is
    given, else the resolution's; none while the clock is stopped or the consultation is finished."""
    if not consultation.is_open or is_paused(consultation):
        return None
    dues = [consultation.resolution_due]
    if consultation.first_response_at is None:
        dues.append(consultation.first_response_due)
    return min((due for due in dues if due), default=None)


def is_overdue(consultation: Consultation, *, today: datetime.date) -> bool:
    due = next_due(consultation)
    return bool(due and today > due)


def is_due_soon(consultation: Consultation, *, today: datetime.date) -> bool:
    """Due today or on the next business day, and not yet overdue."""
    due = next_due(consultation)
    if not due or today > due:
        return False
    return due <= add_business_days(today, settings.CONSULTATION_SLA_DUE_SOON_DAYS)
