"""The events' pages. Every URL needs a signed-in active member of the community; an event, registration,
material or visit request outside the user's scope answers 404. Actions are POST only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import forms, ics, policy, services
from events.models import EventOutcome, FollowUp, Material, RegistrationState
from events.services import EventError
from portal import access, links, material
from portal.uploads import storage


def _scoped_or_404(request, queryset, pk: int, action: str):
    """The object if it is in the user's scope and they may do `action` on it; 404 otherwise."""
    found = get_object_or_404(queryset, pk=pk)
    access.require_or_404(request.user, action, found)
    return found


def _event_or_404(request, pk: int, action: str = "event.view"):
    return _scoped_or_404(request, policy.events_for(request.user), pk, action)


def _back(event):
    return redirect("events:detail", event.pk)


@login_required
@require_GET
def event_list(request):
    access.require_or_404(request.user, "event.list")
    form = forms.KindFilterForm(request.GET or None)
    events = policy.events_for(request.user)
    if form.is_valid() and form.cleaned_data["kind"]:
        events = events.filter(kind=form.cleaned_data["kind"])
    now = timezone.now()
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "upcoming": events.filter(ends_at__gt=now).order_by("starts_at"),
            "past": events.filter(ends_at__lte=now).order_by("-starts_at")[:50],
            "may_create": access.can(request.user, "event.create"),
            "may_list_visits": access.can(request.user, "site_visit.list"),
        },
    )


@login_required
@require_GET
def detail(request, pk: int):
    return _render_detail(request, _event_or_404(request, pk))


def _render_detail(request, event, *, outcome_form=None, status=200):
    user = request.user
    if outcome_form is None and access.can(user, "event.add_outcome", event):
        outcome_form = forms.OutcomeForm()
    registrations = policy.registrations_for(user).filter(event=event, state__in=["confirmed", "waiting"])
    for registration in registrations:
        registration.position = services.waiting_position(registration)
    mine = next((r for r in registrations if r.person_id == user.pk), None)
    may_register = access.can(user, "event.register", event) and timezone.now() <= event.registration_deadline
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "seats_left": services.seats_left(event),
            "confirmed": services.confirmed_count(event),
            "registrations": registrations,
            "mine": mine,
            "may_register": may_register,
            "register_form": forms.RegisterForm(
                people=services.colleagues_of(user), initial={"person": user.pk}
            )
            if may_register
            else None,
            "materials": event.materials.all(),
            # A consultation or post it led to is listed only to those who can open it.
            "outcomes": [o for o in event.outcomes.all() if links.opens(user, o.url)],
            "summary": services.follow_up_summary(event)
            if access.can(user, "follow_up.summary", event)
            else None,
            "follow_up_due": mine is not None
            and access.can(user, "follow_up.submit", mine)
            and not FollowUp.objects.filter(registration=mine).exists(),
            "may_manage": access.can(user, "event.edit", event),
            "may_publish": access.can(user, "event.publish", event),
            "may_cancel": access.can(user, "event.cancel", event),
            "outcome_form": outcome_form,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, pk: int | None = None):
    event = _event_or_404(request, pk, "event.edit") if pk else None
    if event is None:
        access.require_or_404(request.user, "event.create")
    form = forms.EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        invited = data.pop("invited_municipalities")
        try:
            saved = services.event_save(
                actor=request.user, event_id=pk, invited_municipalities=invited, **data
            )
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("イベントを保存しました。"))
            return _back(saved)
    return render(request, "events/edit.html", {"form": form, "event": event})


def _act(request, event, action, done_message, **kwargs):
    try:
        action(actor=request.user, **kwargs)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message)
    return _back(event)


@login_required
@require_POST
def publish(request, pk: int):
    event = _event_or_404(request, pk, "event.edit")
    return _act(request, event, services.event_publish, _("イベントを公開しました。"), event_id=event.pk)


@login_required
@require_POST
def cancel(request, pk: int):
    event = _event_or_404(request, pk, "event.edit")
    return _act(
        request,
        event,
        services.event_cancel,
        _("イベントを中止しました。申込者に通知します。"),
        event_id=event.pk,
    )


@login_required
@require_POST
def register(request, pk: int):
    event = _event_or_404(request, pk, "event.register")
    form = forms.RegisterForm(request.POST, people=services.colleagues_of(request.user))
    if not form.is_valid():
        messages.error(request, _("申し込む人を選んでください。"))
        return _back(event)
    try:
        registration = services.registration_create(
            actor=request.user, event_id=event.pk, person_id=form.cleaned_data["person"].pk
        )
    except EventError as error:
        messages.error(request, str(error))
    else:
        if registration.state == RegistrationState.CONFIRMED:
            messages.success(request, _("申し込みました（参加確定）。"))
        else:
            messages.success(
                request,
                _("定員に達しているため、キャンセル待ち（%(n)s番目）で受け付けました。")
                % {"n": services.waiting_position(registration)},
            )
    return _back(event)


def _registration_or_404(request, pk: int, action: str = "registration.view"):
    return _scoped_or_404(request, policy.registrations_for(request.user), pk, action)


@login_required
@require_POST
def registration_cancel(request, pk: int):
    registration = _registration_or_404(request, pk, "registration.cancel")
    return _act(
        request,
        registration.event,
        services.registration_cancel,
        _("申込みを取り消しました。"),
        registration_id=registration.pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    event = _event_or_404(request, pk, "event.record_attendance")
    confirmed = event.registrations.filter(state=RegistrationState.CONFIRMED).select_related(
        "person", "municipality"
    )
    form = forms.AttendanceForm(request.POST or None, registrations=confirmed)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.attendance_record(
                actor=request.user, event_id=event.pk, attended_ids=form.cleaned_data["attended"]
            )
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("出欠を記録しました（出席 %(n)s 人）。") % {"n": count})
            return _back(event)
    return render(request, "events/attendance.html", {"event": event, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def follow_up(request, pk: int):
    registration = _registration_or_404(request, pk, "follow_up.submit")
    form = forms.FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_submit(
                actor=request.user, registration_id=registration.pk, **form.cleaned_data
            )
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("参加後アンケートに回答しました。ありがとうございました。"))
            return _back(registration.event)
    return render(request, "events/follow_up.html", {"event": registration.event, "form": form})


@login_required
@require_GET
def summary(request, pk: int):
    event = _event_or_404(request, pk, "follow_up.summary")
    return render(
        request, "events/summary.html", {"event": event, "summary": services.follow_up_summary(event)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def material_new(request, pk: int):
    event = _event_or_404(request, pk, "event.upload_material")
    form = forms.MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        for upload in form.cleaned_data["attachments"]:
            services.material_upload(
                actor=request.user, event_id=event.pk, title=form.cleaned_data["title"], upload=upload
            )
        messages.success(request, _("資料を掲載しました。"))
        return _back(event)
    return render(request, "events/material_new.html", {"event": event, "form": form})


@login_required
@require_GET
def material_download(request, pk: int):
    materials = Material.objects.filter(event__in=policy.events_for(request.user))
    item = _scoped_or_404(request, materials, pk, "material.download")
    return storage.download(
        services.material_storage(),
        stored_name=item.stored_name,
        name=item.name,
        content_type=item.content_type,
    )


@login_required
@require_POST
def outcome_add(request, pk: int):
    event = _event_or_404(request, pk, "event.add_outcome")
    form = forms.OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.outcome_add(actor=request.user, event_id=event.pk, **form.cleaned_data)
        except EventError as error:
            form.add_error("url", str(error))
        else:
            messages.success(request, _("つながった取組を追加しました。"))
            return redirect(reverse("events:detail", args=[event.pk]) + "#outcomes")
    return _render_detail(request, event, outcome_form=form, status=400)


@login_required
@require_POST
def outcome_remove(request, pk: int):
    outcomes = EventOutcome.objects.filter(event__in=policy.events_for(request.user)).select_related("event")
    outcome = get_object_or_404(outcomes, pk=pk)
    access.require_or_404(request.user, "event.add_outcome", outcome.event)
    try:
        services.outcome_remove(actor=request.user, outcome_id=outcome.pk)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("「%(title)s」をつながった取組から外しました。") % {"title": outcome.title}
        )
    return redirect(reverse("events:detail", args=[outcome.event_id]) + "#outcomes")


def _absolute(request, event) -> str:
    return request.build_absolute_uri(reverse("events:detail", args=[event.pk]))


@login_required
@require_GET
def event_ics(request, pk: int):
    event = _event_or_404(request, pk)
    return ics.calendar_response(
        [event], url_of=lambda e: _absolute(request, e), filename=f"event-{event.pk}.ics"
    )


@login_required
@require_GET
def mine_ics(request):
    access.require_or_404(request.user, "event.list")
    events = [r.event for r in policy.confirmed_registrations_of(request.user).order_by("event__starts_at")]
    return ics.calendar_response(events, url_of=lambda e: _absolute(request, e), filename="my-events.ics")


# --- Site visits ------------------------------------------------------------------------------------


@login_required
@require_GET
def visit_list(request):
    access.require_or_404(request.user, "site_visit.list")
    return render(request, "events/visit_list.html", {"visits": policy.visits_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request):
    try:
        case_id = int(request.GET.get("case", ""))
    except ValueError:
        case_id = 0
    case = material.get("case_study", case_id)
    access.require_or_404(request.user, "site_visit.request", case)
    form = forms.VisitRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_request_create(
                actor=request.user, case_page_id=case.pk, **form.cleaned_data
            )
        except EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("視察を申し込みました。相手の団体に通知しました。"))
            return redirect("events:visit", visit.pk)
    return render(request, "events/visit_new.html", {"case": case, "form": form})


def _visit_or_404(request, pk: int, action: str = "site_visit.view"):
    return _scoped_or_404(request, policy.visits_for(request.user), pk, action)


@login_required
@require_GET
def visit_detail(request, pk: int):
    visit = _visit_or_404(request, pk)
    may_decide = access.can(request.user, "site_visit.decide", visit)
    return render(
        request,
        "events/visit_detail.html",
        {
            "visit": visit,
            "accept_form": forms.VisitAcceptForm() if may_decide else None,
            "decline_form": forms.VisitDeclineForm() if may_decide else None,
            "may_join": access.can(request.user, "site_visit.join", visit)
            and not visit.joined.filter(pk=request.user.pk).exists(),
            "joined": visit.joined.all(),
        },
    )


def _visit_act(request, pk, action, form_class, done_message, field=None):
    visit = _visit_or_404(
        request, pk, "site_visit.join" if action is services.visit_join else "site_visit.decide"
    )
    kwargs = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _("入力内容を確認してください。"))
            return redirect("events:visit", visit.pk)
        kwargs[field] = form.cleaned_data[next(iter(form.fields))]
    try:
        action(actor=request.user, visit_id=visit.pk, **kwargs)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done_message)
    return redirect("events:visit", visit.pk)


@login_required
@require_POST
def visit_accept(request, pk: int):
    return _visit_act(
        request,
        pk,
        services.visit_accept,
        forms.VisitAcceptForm,
        _("受け入れると回答しました。"),
        "proposed_dates",
    )


@login_required
@require_POST
def visit_decline(request, pk: int):
    return _visit_act(
        request, pk, services.visit_decline, forms.VisitDeclineForm, _("辞退すると回答しました。"), "reason"
    )


@login_required
@require_POST
def visit_join(request, pk: int):
    return _visit_act(request, pk, services.visit_join, None, _("視察に同行します。"))
