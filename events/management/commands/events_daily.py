"""Run once a day (cron or a systemd timer), after the offices open: enqueues the events' daily sweep."""

from django.core.management.base import BaseCommand

from events.reminders import daily_sweep


class Command(BaseCommand):
    help = "Enqueues the reminders the business day before each event and the follow-up requests after."

    def handle(self, *args, **options):
        daily_sweep.enqueue()
        self.stdout.write("events daily sweep enqueued")
