"""Demo accounts for trying the portal locally, then the demo data apps register in portal.demo.
Refuses to run unless DEBUG is on."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from portal import demo
from portal.models import Membership, Municipality, MunicipalityEmailDomain, Role, User

DEMO_PASSWORD = "madoguchi-demo-2026"  # noqa: S105 -- demo only; the command refuses to run without DEBUG
# Base32 secrets an authenticator app (or `manage.py demo_totp_code`) turns into codes.
DEMO_TOTP_SECRETS = {
    "advisor@example.jp": "MADOGUCHIDEMOADVISORSECRETKEYAAA",
    "admin@example.jp": "MADOGUCHIDEMOADMINSECRETKEYAAAAA",
}
DEMO_ACCOUNTS = [
    # email, family name, given name, role, municipality code
    ("kashiba.staff@example.jp", "香芝", "花子", Role.STAFF, "29210"),
    ("kawai.staff@example.jp", "河合", "太郎", Role.STAFF, "29427"),
    ("advisor@example.jp", "奈良", "一郎", Role.ADVISOR, None),
    ("official@example.jp", "県庁", "次郎", Role.OFFICIAL, None),
    ("admin@example.jp", "管理", "三郎", Role.ADMIN, None),
]
# Illustrative domains so that sign-up can be tried; replace with the real ones in production.
DEMO_EMAIL_DOMAINS = [("29210", "city.kashiba.lg.jp"), ("29427", "town.kawai.lg.jp")]


class Command(BaseCommand):
    help = "Creates the demo accounts (DEBUG only). Safe to re-run: existing data is left alone."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DEBUG on: it creates accounts with a known password."
            )
        if Municipality.objects.count() == 0:
            raise CommandError("Run `manage.py load_reference_data` first.")
        with transaction.atomic():
            for code, domain in DEMO_EMAIL_DOMAINS:
                MunicipalityEmailDomain.objects.get_or_create(
                    domain=domain, defaults={"municipality": Municipality.objects.get(code=code)}
                )
            created = [self._account(*account) for account in DEMO_ACCOUNTS]
            reports = demo.run(DEMO_PASSWORD)
        self.stdout.write(
            f"demo accounts: {sum(created)} created, {len(created) - sum(created)} already there"
        )
        for report in reports:
            self.stdout.write(report)
        self.stdout.write(f"  password for every demo account: {DEMO_PASSWORD}")
        for email, secret in DEMO_TOTP_SECRETS.items():
            self.stdout.write(
                f"  TOTP secret of {email}: {secret}  (current code: manage.py demo_totp_code {email};"
                f" recovery codes: manage.py demo_totp_code --recovery {email})"
            )

    def _account(self, email, last_name, first_name, role, municipality_code) -> bool:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"last_name": last_name, "first_name": first_name, "is_superuser": role == Role.ADMIN},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if not user.memberships.exists():
            Membership.objects.create(
                user=user,
                role=role,
                municipality=Municipality.objects.get(code=municipality_code) if municipality_code else None,
                state=Membership.State.ACTIVE,
                started_on=timezone.localdate(),
            )
        secret = DEMO_TOTP_SECRETS.get(email)
        if secret:
            if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(user, secret)
            # As an enrolment through the pages gives them; activate() keeps the codes already there.
            RecoveryCodes.activate(user)
        return created
