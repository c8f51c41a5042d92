from allauth.mfa.utils import is_mfa_enabled
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import access

ADMIN_PREFIX = "/admin/"


class PortalCSPMiddleware(CSPMiddleware):
    """The strict nonce policy everywhere, Wagtail's looser one under /admin/."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX) and parts.config is None:
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
            # A nonce would make browsers ignore 'unsafe-inline', which Wagtail's admin relies on.
            parts.nonce = None
        return parts


class RequireMFAMiddleware:
    """Advisors and admins reach nothing but the TOTP set-up until they have enrolled."""

    ALLOWED_URL_NAMES = ("account_logout", "account_reauthenticate", "set_language")
    ALLOWED_PREFIXES = ("/static/", "/healthz", "/accounts/2fa/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and access.mfa_required(user)
            and not request.path_info.startswith(self.ALLOWED_PREFIXES)
            and request.path_info not in {reverse(name) for name in self.ALLOWED_URL_NAMES}
            and not is_mfa_enabled(user)
        ):
            # Once per visit to a page, not for every asset or background request that is turned away.
            if request.method == "GET" and "text/html" in request.headers.get("Accept", ""):
                messages.warning(
                    request,
                    _("CIO補佐官と管理者は二要素認証が必須です。認証アプリを登録してから利用してください。"),
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class RememberLanguageMiddleware:
    """Keeps the language a signed-in person reads the portal in, so mail reaches them in it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        language = getattr(request, "LANGUAGE_CODE", "")
        if user.is_authenticated and language and user.language != language:
            # Written only when it changes: one query per switch, none per page.
            get_user_model().objects.filter(pk=user.pk).update(language=language)
            user.language = language
        return self.get_response(request)
