"""Reminders before a survey's deadline, counted in business days (portal.calendar): 3 and 1 business
days before, to the active staff of every asked municipality that has not submitted. Each reminder goes
once (the kernel delivers a (recipient, key) once); a day the offices are closed sends none, and a
missed day is caught up by the next reminder still due."""

import datetime

from django.utils import timezone

from portal import calendar
from surveys import notifications
from surveys.models import ANSWERED, Survey, SurveyState

BUSINESS_DAYS_BEFORE = (3, 1)


def due_reminder(today: datetime.date, deadline: datetime.date) -> int | None:
    """Which reminder is due today (3 or 1), or None."""
    if not calendar.is_business_day(today) or today > deadline:
        return None
    left = calendar.business_days_between(today, deadline)
    due = [days for days in BUSINESS_DAYS_BEFORE if left <= days]
    return min(due) if due else None


def send_reminders(today: datetime.date | None = None) -> int:
    """Queue today's reminders; returns how many municipalities were reminded."""
    today = today or timezone.localdate()
    reminded = 0
    for survey in Survey.objects.filter(state=SurveyState.OPEN, deadline__gte=timezone.now()):
        days = due_reminder(today, timezone.localtime(survey.deadline).date())
        if days is None:
            continue
        answered = survey.responses.filter(state__in=ANSWERED).values("municipality")
        waiting = survey.municipalities.exclude(pk__in=answered)
        for municipality in waiting:
            notifications.send(
                notifications.REMINDER, survey, [municipality], key=f"survey-{survey.pk}-reminder-{days}"
            )
            reminded += 1
    return reminded
