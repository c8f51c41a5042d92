"""Prints the current TOTP code of a demo account, so a tester needs no authenticator app, or with
--recovery its unused recovery codes (to try logging in without the app)."""

import time

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Prints the current TOTP code, or with --recovery the unused recovery codes (DEBUG only)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--recovery", action="store_true", help="print the unused recovery codes instead")

    def handle(self, *args, email, recovery, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp_code only runs with DEBUG on.")
        if recovery:
            codes = Authenticator.objects.filter(
                user__email=email.lower(), type=Authenticator.Type.RECOVERY_CODES
            ).first()
            if codes is None:
                raise CommandError(f"{email} has no recovery codes.")
            self.stdout.write("\n".join(RecoveryCodes(codes).get_unused_codes()))
            return
        authenticator = Authenticator.objects.filter(
            user__email=email.lower(), type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{email} has no TOTP authenticator.")
        secret = decrypt(authenticator.data["secret"])
        counter = int(time.time()) // app_settings.TOTP_PERIOD
        self.stdout.write(format_hotp_value(hotp_value(secret, counter)))
