from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from portal import access, devices, health, notifications, selectors, services
from portal.forms import MembershipDecisionForm, NotificationPreferencesForm
from portal.models import Membership


@require_safe
@never_cache
def healthz(request):
    report = health.report()
    return JsonResponse(report, status=200 if report["database"] == "ok" else 503)


def _to_allauth_login(request, default_next):
    if request.user.is_authenticated:
        # Wagtail turned a logged-in user away: allauth's login would send them straight back.
        raise PermissionDenied
    next_url = request.GET.get("next", default_next)
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = default_next
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


@require_GET
def admin_login_redirect(request):
    return _to_allauth_login(request, "/admin/")


@require_GET
def frontend_login_redirect(request):
    return _to_allauth_login(request, "/")


@require_GET
def accessibility_policy(request):
    return render(request, "portal/accessibility_policy.html")


@login_required
@require_GET
def membership_list(request):
    access.require_or_404(request.user, "membership.list")
    memberships = access.memberships_for(request.user)
    return render(
        request,
        "portal/membership_list.html",
        {
            "pending": selectors.pending_memberships(memberships),
            "recent": memberships.exclude(state=Membership.State.PENDING).order_by("-requested_at")[:20],
        },
    )


@login_required
@require_POST
def membership_decide(request, pk):
    membership = get_object_or_404(access.memberships_for(request.user), pk=pk)
    form = MembershipDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("承認するか却下するかを選んでください。"))
        return redirect("membership_list")
    decide = (
        services.membership_approve
        if form.cleaned_data["decision"] == "approve"
        else services.membership_reject
    )
    try:
        decided = decide(membership_id=membership.pk, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        approved = decided.state == decided.State.ACTIVE
        template = (
            _("%(user)s さんの利用を承認しました。") if approved else _("%(user)s さんの申請を却下しました。")
        )
        messages.success(request, template % {"user": decided.user})
    return redirect("membership_list")


@login_required
@require_GET
def account_settings(request):
    access.require_or_404(request.user, "account.manage")
    return render(request, "portal/account_settings.html", selectors.account_overview(request.user))


@login_required
@require_POST
def usersession_end(request, pk):
    access.require_or_404(request.user, "account.manage")
    try:
        ended = services.user_session_end(
            session_id=pk, actor=request.user, current_session_key=request.session.session_key
        )
    except UserSession.DoesNotExist:
        raise Http404 from None
    messages.success(
        request, _("%(device)sをログアウトさせました。") % {"device": devices.describe(ended.user_agent)}
    )
    return redirect("usersessions_list")


NOTICES_PER_PAGE = 30


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request):
    """The user's notices, newest first, with mark-all-read and the per-kind opt-outs."""
    user = request.user
    access.require_or_404(user, "notification.list")
    if request.method == "POST":
        if request.POST.get("action") == "read_all":
            notifications.notifications_mark_read(actor=user)
            messages.success(request, _("すべて既読にしました。"))
            return redirect("notification_list")
        form = NotificationPreferencesForm(request.POST)
        if form.is_valid():
            enabled = set(form.cleaned_data["enabled"])
            offered = [slug for slug, _label in form.fields["enabled"].choices]
            notifications.notification_preferences_set(
                actor=user, muted_kinds=[slug for slug in offered if slug not in enabled]
            )
            messages.success(request, _("通知の設定を保存しました。"))
            return redirect("notification_list")
    muted = notifications.muted_kinds_of(user)
    form = NotificationPreferencesForm()
    form.initial = {"enabled": [slug for slug, _label in form.fields["enabled"].choices if slug not in muted]}
    items = Paginator(access.notifications_for(user), NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/notifications.html", {"items": items, "form": form})


def moved_permanently(url_name: str):
    """A view for a page that moved: GET and POST alike answer 308, which keeps the method and the body
    (and the query), so bookmarks, stored links and forms still reach it."""

    def view(request, **kwargs):
        url = reverse(url_name, kwargs=kwargs)
        query = request.META.get("QUERY_STRING", "")
        return redirect(f"{url}?{query}" if query else url, permanent=True, preserve_request=True)

    return view
