"""Retries with back-off and recovery of stuck tasks, on the real database task backend."""

import datetime

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal.task_retry import ATTEMPT_KWARG, backoff_seconds, recover_stuck_tasks, retrying_task
from tests.factories import run_tasks

pytestmark = pytest.mark.django_db

CALLS = []


@retrying_task()
def flaky(*, fail_times: int) -> str:
    CALLS.append(fail_times)
    if len(CALLS) <= fail_times:
        raise ConnectionError("mail server unreachable")
    return "sent"


@pytest.fixture(autouse=True)
def _reset_calls():
    CALLS.clear()


def test_a_failed_task_is_enqueued_again_with_exponential_back_off(settings):
    settings.TASK_RETRY_BASE_SECONDS = 30
    before = timezone.now()
    flaky.enqueue(fail_times=1)
    run_tasks()
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert "ConnectionError" in failed.exception_class_path
    assert retry.args_kwargs["kwargs"] == {"fail_times": 1, ATTEMPT_KWARG: 2}
    assert retry.run_after >= before + datetime.timedelta(seconds=30)
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [30, 60, 120]


def test_a_retried_task_eventually_succeeds(settings):
    settings.TASK_RETRY_BASE_SECONDS = 0
    flaky.enqueue(fail_times=2)
    run_tasks()
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert DBTaskResult.objects.get(status="SUCCESSFUL").return_value == "sent"


def test_retries_stop_after_the_maximum_number_of_attempts(settings):
    settings.TASK_RETRY_BASE_SECONDS = 0
    settings.TASK_MAX_ATTEMPTS = 3
    flaky.enqueue(fail_times=99)
    run_tasks()
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["FAILED"] * 3


def test_tasks_left_running_by_a_dead_worker_are_made_ready_again(settings):
    settings.TASK_STUCK_AFTER_SECONDS = 600
    stuck = DBTaskResult.objects.get(pk=flaky.enqueue(fail_times=0).id)
    busy = DBTaskResult.objects.get(pk=flaky.enqueue(fail_times=0).id)
    now = timezone.now()
    DBTaskResult.objects.filter(pk=stuck.pk).update(
        status=TaskResultStatus.RUNNING, started_at=now - datetime.timedelta(hours=1)
    )
    DBTaskResult.objects.filter(pk=busy.pk).update(
        status=TaskResultStatus.RUNNING, started_at=now - datetime.timedelta(minutes=1)
    )
    assert recover_stuck_tasks(now=now) == 1
    assert DBTaskResult.objects.get(pk=stuck.pk).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=busy.pk).status == TaskResultStatus.RUNNING
    run_tasks()
    assert DBTaskResult.objects.get(pk=stuck.pk).status == TaskResultStatus.SUCCESSFUL


def test_the_daily_command_recovers_stuck_tasks_and_enqueues_the_sweep(settings):
    from io import StringIO

    from django.core.management import call_command

    stuck = DBTaskResult.objects.get(pk=flaky.enqueue(fail_times=0).id)
    DBTaskResult.objects.filter(pk=stuck.pk).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(days=1)
    )
    out = StringIO()
    call_command("consultations_daily", stdout=out)
    assert "recovered 1 stuck task(s)" in out.getvalue()
    assert DBTaskResult.objects.filter(task_path="consultations.tasks.daily_sweep", status="READY").exists()
