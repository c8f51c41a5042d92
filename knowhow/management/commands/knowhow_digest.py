"""Run once a day (cron or a systemd timer): enqueues the weekly know-how digest, which is sent only
on the week's first business day (or to those not yet served later that week)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from knowhow.digest import is_digest_day, weekly_digest


class Command(BaseCommand):
    help = "Enqueues the weekly know-how digest for today (or --date YYYY-MM-DD)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run as, YYYY-MM-DD (default: today).")

    def handle(self, *args, **options):
        try:
            day = datetime.date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as error:
            raise CommandError("--date must be YYYY-MM-DD") from error
        weekly_digest.enqueue(day=day.isoformat())
        due = "a digest day" if is_digest_day(day) else "not a digest day: nothing will be sent"
        self.stdout.write(f"{day}: weekly digest enqueued ({due})")
