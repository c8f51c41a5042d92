"""Reminders 3 and 1 business days before the deadline, to staff of municipalities that have not
submitted, once each; none on a day the offices are closed (holidays and 12/29–1/3)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from portal.models import Notification
from surveys import reminders, services
from surveys.models import Survey
from tests.factories import run_tasks
from tests.surveys.conftest import COMPLETE, posted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("today", "deadline", "due"),
    [
        (datetime.date(2026, 11, 25), datetime.date(2026, 11, 30), 3),  # Wed → Mon: Thu, Fri, Mon
        (datetime.date(2026, 11, 24), datetime.date(2026, 11, 30), None),  # four business days left
        (datetime.date(2026, 11, 27), datetime.date(2026, 11, 30), 1),
        (datetime.date(2026, 11, 28), datetime.date(2026, 11, 30), None),  # a Saturday
        (datetime.date(2026, 11, 23), datetime.date(2026, 11, 26), None),  # 勤労感謝の日
        (datetime.date(2026, 12, 29), datetime.date(2027, 1, 5), None),  # year-end closure
        (datetime.date(2026, 12, 28), datetime.date(2027, 1, 5), 3),  # 1/4, 1/5 only: 2 business days
    ],
)
def test_which_reminder_is_due_counts_business_days(today, deadline, due):
    assert reminders.due_reminder(today, deadline) == due


def test_reminders_go_once_to_the_staff_of_municipalities_that_have_not_submitted(world):
    s, people = world["survey"], world["people"]
    Survey.objects.filter(pk=s.pk).update(
        deadline=timezone.make_aware(datetime.datetime(2030, 12, 2, 17, 0))  # a Monday
    )
    services.response_save(actor=people["staff_other"], survey_id=s.pk, data=posted(s, COMPLETE), submit=True)
    assert reminders.send_reminders(datetime.date(2030, 11, 27)) == 1
    assert reminders.send_reminders(datetime.date(2030, 11, 27)) == 1
    run_tasks()
    reminded = Notification.objects.filter(kind="survey_reminder")
    assert set(reminded.values_list("recipient", flat=True)) == {
        people["staff_own"].pk,
        people["colleague"].pk,
    }
    assert "未提出です" in reminded.first().message


def test_the_daily_command_runs_without_anything_due(world, capsys):
    call_command("surveys_daily")
    assert "surveys_daily" in capsys.readouterr().out
