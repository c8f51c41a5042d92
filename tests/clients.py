"""A test client whose force_login leaves the session a real portal login would leave."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.http import HttpRequest
from django.test import Client


class PortalClient(Client):
    """force_login as if through allauth: the password, then the TOTP code if the user has enrolled one.

    RequireMFAMiddleware refuses an advisor's or admin's session whose recorded authentication lacks
    the second factor, which a bare force_login would be. Tests of that refusal use django.test.Client.
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        request = HttpRequest()
        request.session = self.session
        record_authentication(request, user, "password", email=user.email)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is not None:
            record_authentication(request, user, "mfa", id=totp.pk, type=totp.type)
        request.session.save()
