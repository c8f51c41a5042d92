"""Check or rebuild the kept counts of consultations (after a bulk load that bypassed the services)."""

from django.core.management.base import BaseCommand, CommandError

from consultations import counts


class Command(BaseCommand):
    help = "Checks the kept counts of consultations against the table (--rebuild rebuilds them)."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="rebuild every count from the table")

    def handle(self, *args, rebuild=False, **options):
        if rebuild:
            counts.recount()
        disagree = counts.drift()
        figures = ", ".join(f"{kind} {n}" for kind, n in disagree.items())
        self.stdout.write(f"kept count rows that disagree with the table: {figures}")
        if any(disagree.values()):
            raise CommandError("The kept counts disagree with the table: run with --rebuild.")
