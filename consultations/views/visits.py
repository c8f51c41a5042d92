"""出前相談: requests, scheduling and minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from consultations import forms, policy, selectors, services
from consultations.models import (
    Visit,
)
from portal import access


@login_required
@require_http_methods(["GET", "POST"])
def visits(request):
    """Advisors: upcoming visits by date and planning 御用聞き rounds. Staff: their municipality's visits
    and asking for one without a consultation."""
    access.require_or_404(request.user, "visit.list")
    user = request.user
    today = timezone.localdate()
    own = access.municipality_of(user)
    form_class = forms.VisitRequestForm if own is not None else forms.VisitPlanForm
    plan_form = form_class(request.POST or None)
    if request.method == "POST" and plan_form.is_valid():
        services.visit_request(
            actor=user,
            municipality=own or plan_form.cleaned_data["municipality"],
            preferred_dates=plan_form.cleaned_data["preferred_dates"],
        )
        messages.success(
            request,
            _("出前相談を依頼しました。日程が決まると通知が届きます。")
            if own
            else _("訪問予定を追加しました。日程を入力してください。"),
        )
        return redirect("consultations:visits")
    if request.method == "GET" and own is None and request.GET.get("municipality"):
        plan_form = forms.VisitPlanForm(initial={"municipality": request.GET["municipality"]})
    upcoming = selectors.upcoming_visits(user, today=today)
    return render(
        request,
        "consultations/visits.html",
        {
            "requested": [v for v in upcoming if v.state == Visit.State.REQUESTED],
            "scheduled": [v for v in upcoming if v.state == Visit.State.SCHEDULED],
            "plan_form": plan_form,
            "is_advisor": access.can(user, "visit.schedule"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def visit_edit(request, pk):
    access.require_or_404(request.user, "visit.schedule")
    visit = get_object_or_404(
        policy.visits_for(request.user).select_related("municipality", "consultation"), pk=pk
    )
    schedule_form = forms.VisitScheduleForm(
        request.POST if request.POST.get("form") == "schedule" else None,
        initial={
            "scheduled_on": visit.scheduled_on,
            "scheduled_time": visit.scheduled_time,
            "place": visit.place,
            "attendees": visit.attendees,
        },
    )
    minutes_form = forms.VisitMinutesForm(
        request.POST if request.POST.get("form") == "minutes" else None,
        initial={"minutes_public": visit.minutes_public, "minutes_internal": visit.minutes_internal},
    )
    if request.method == "POST":
        if request.POST.get("form") == "schedule" and schedule_form.is_valid():
            services.visit_schedule(visit_id=visit.pk, actor=request.user, **schedule_form.cleaned_data)
            messages.success(request, _("訪問日程を保存しました。"))
            return redirect("consultations:visits")
        if request.POST.get("form") == "minutes" and minutes_form.is_valid():
            services.visit_record(visit_id=visit.pk, actor=request.user, **minutes_form.cleaned_data)
            messages.success(request, _("訪問記録を保存しました。"))
            return redirect("consultations:visits")
    return render(
        request,
        "consultations/visit_edit.html",
        {"visit": visit, "schedule_form": schedule_form, "minutes_form": minutes_form},
    )
