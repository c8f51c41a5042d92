import time

from allauth.mfa.utils import is_mfa_enabled
from allauth.usersessions.internal import usersessionkit
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import access, second_factor

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
    """Advisors and admins reach nothing until this session has passed their second factor.

    Without TOTP enrolled they may only enrol it. With it enrolled, a session whose recorded
    authentication lacks the second factor was made some other way than allauth's full login
    (whatever view made it): it is ended and the request goes on as anonymous, so every page answers
    as it does to a visitor (login pages, redirects to the login with `next`), and the next page
    shown says why.
    """

    ALLOWED_URL_NAMES = ("account_logout", "account_reauthenticate", "set_language")
    ALLOWED_PREFIXES = ("/static/", "/healthz", "/accounts/2fa/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not (user.is_authenticated and access.mfa_required(user)):
            return self.get_response(request)
        if is_mfa_enabled(user):
            if not second_factor.passed(request):
                logout(request)
                messages.warning(
                    request,
                    _(
                        "二要素認証を経ていないログインだったため、ログアウトしました。"
                        "もう一度ログインし、認証アプリのコードを入力してください。"
                    ),
                )
            return self.get_response(request)
        if request.path_info.startswith(self.ALLOWED_PREFIXES) or request.path_info in {
            reverse(name) for name in self.ALLOWED_URL_NAMES
        }:
            return self.get_response(request)
        # Once per visit to a page, not for every asset or background request that is turned away.
        if request.method == "GET" and "text/html" in request.headers.get("Accept", ""):
            messages.warning(
                request,
                _("CIO補佐官と管理者は二要素認証が必須です。認証アプリを登録してから利用してください。"),
            )
        return redirect("mfa_activate_totp")


class SessionActivityMiddleware:
    """Keeps a signed-in session alive and its 最終利用 on the sessions page current, at most once a
    minute rather than with two writes (and two commits) on every page.

    The session is saved when its last refresh is SESSION_ACTIVITY_REFRESH_SECONDS old, which pushes
    its expiry SESSION_COOKIE_AGE ahead: the idle timeout holds to within that refresh interval. The
    same refresh records the activity allauth.usersessions shows (its own middleware would on every
    request).
    """

    KEY = "_activity_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if request.user.is_authenticated and session.session_key:
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= settings.SESSION_ACTIVITY_REFRESH_SECONDS:
                session[self.KEY] = now
                usersessionkit.track_activity(request, user=request.user, session=session)
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
