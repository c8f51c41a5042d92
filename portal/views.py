from allauth.usersessions.models import UserSession
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from portal import access, devices, health, selectors, services
from portal.forms import MembershipDecisionForm
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
