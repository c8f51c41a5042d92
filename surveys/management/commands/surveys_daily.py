from django.core.management.base import BaseCommand
from django.db import transaction

from surveys import reminders


class Command(BaseCommand):
    help = "照会の回答期限の3開庁日前・1開庁日前に、未提出の市町村の職員へ通知します（毎日1回実行）。"

    def handle(self, *args, **options):
        with transaction.atomic():
            count = reminders.send_reminders()
        self.stdout.write(f"surveys_daily: reminded {count} municipalities")
