"""The in-app notices and their per-kind opt-outs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consultations import forms, policy, services
from consultations.models import (
    NotificationOptOut,
)
from portal import access


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    user = request.user
    access.require_or_404(user, "notification.list")
    if request.method == "POST":
        if request.POST.get("action") == "read_all":
            services.notifications_mark_read(actor=user)
            messages.success(request, _("すべて既読にしました。"))
            return redirect("consultations:notifications")
        form = forms.NotificationPreferencesForm(request.POST)
        if form.is_valid():
            enabled = set(form.cleaned_data["enabled"])
            services.notification_preferences_set(
                actor=user, muted_kinds=[k for k, _label in forms.MUTABLE_KINDS if k not in enabled]
            )
            messages.success(request, _("通知の設定を保存しました。"))
            return redirect("consultations:notifications")
    muted = set(NotificationOptOut.objects.filter(user=user).values_list("kind", flat=True))
    form = forms.NotificationPreferencesForm(
        initial={"enabled": [k for k, _label in forms.MUTABLE_KINDS if k not in muted]}
    )
    items = Paginator(policy.notifications_for(user), 30).get_page(request.GET.get("page"))
    return render(request, "consultations/notifications.html", {"items": items, "form": form})
