"""Retries with back-off and recovery of stuck tasks, which django-tasks-db does not do itself.

`retrying_task` declares a task whose failures enqueue the next attempt with exponential back-off
(TASK_RETRY_BASE_SECONDS × 2^(attempt-1)) until TASK_MAX_ATTEMPTS; the failed attempt stays FAILED in
the result table, so the history is visible. `recover_stuck_tasks` puts tasks that a killed worker
left RUNNING for longer than TASK_STUCK_AFTER_SECONDS back to READY (tasks must be idempotent).
"""

import datetime
import functools
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

ATTEMPT_KWARG = "retry_attempt"


def backoff_seconds(attempt: int) -> int:
    """The wait before attempt `attempt + 1`."""
    return settings.TASK_RETRY_BASE_SECONDS * 2 ** (attempt - 1)


def retrying_task(**task_options):
    """Like `@task(...)`, but a failure schedules another attempt with back-off."""

    def decorate(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            attempt = kwargs.pop(ATTEMPT_KWARG, 1)
            try:
                return func(*args, **kwargs)
            except Exception:
                if attempt < settings.TASK_MAX_ATTEMPTS:
                    delay = backoff_seconds(attempt)
                    logger.warning(
                        "Task %s failed (attempt %d); retrying in %ds", func.__name__, attempt, delay
                    )
                    the_task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
                        *args, **kwargs, **{ATTEMPT_KWARG: attempt + 1}
                    )
                else:
                    logger.error("Task %s failed %d times; giving up", func.__name__, attempt)
                raise

        the_task = task(**task_options)(run)
        return the_task

    return decorate


def recover_stuck_tasks(*, now: datetime.datetime | None = None) -> int:
    """Tasks RUNNING for too long (their worker died) become READY again; returns how many."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=settings.TASK_STUCK_AFTER_SECONDS)
    recovered = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=limit).update(
        status=TaskResultStatus.READY, started_at=None
    )
    if recovered:
        logger.warning("Recovered %d task(s) left running by a stopped worker", recovered)
    return recovered
