import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def seeded(db):
    """The 39 municipalities and the seed's cases, typology, success factors and adoption status."""
    call_command("load_reference_data", verbosity=0)
    call_command("load_cases", verbosity=0)


@pytest.fixture
def login(client):
    """Log a user in; advisors and admins get their second factor first."""

    def log_in(user):
        from allauth.mfa.utils import is_mfa_enabled

        from portal import access

        if access.mfa_required(user) and not is_mfa_enabled(user):
            TOTP.activate(user, SECRET)
        client.force_login(user)
        return client

    return log_in
