from django.core.management.base import BaseCommand, CommandError

from portal import access
from portal.models import Role, User
from surveys.models import SurveyBuilder


class Command(BaseCommand):
    help = "県職員（幹部・県職員の役割）に照会を作成・送信する権限を付与します（--revoke で取り消し）。"

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true")

    def handle(self, *args, email, revoke, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None or access.role_of(user) != Role.OFFICIAL:
            raise CommandError(
                f"{email} is not an active prefecture official (advisors build surveys by role)."
            )
        if revoke:
            SurveyBuilder.objects.filter(user=user).delete()
            self.stdout.write(f"{email} may no longer build surveys")
            return
        SurveyBuilder.objects.get_or_create(user=user)
        self.stdout.write(f"{email} may build and send surveys")
