"""Run once a day (cron or a systemd timer): recovers stuck tasks and enqueues the daily sweep."""

from django.core.management.base import BaseCommand

from consultations.tasks import daily_sweep
from portal.task_retry import recover_stuck_tasks


class Command(BaseCommand):
    help = "Recovers tasks a stopped worker left running, then enqueues the desk's daily sweep."

    def handle(self, *args, **options):
        recovered = recover_stuck_tasks()
        daily_sweep.enqueue()
        self.stdout.write(f"recovered {recovered} stuck task(s); daily sweep enqueued")
