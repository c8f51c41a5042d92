"""Thin views of the desk: parse, call a selector or a service, render or redirect."""

import csv
import urllib.parse

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from consultations import forms, policy, selectors, services, sla
from consultations.files import private_storage
from consultations.filters import QueueFilter
from consultations.models import (
    Attachment,
    Category,
    NotificationOptOut,
    Status,
    Visit,
)
from portal import access
from portal.models import User
from portal.sanitize import plain_text

PAGE_SIZE = 25


def _back(consultation, anchor=""):
    return redirect(reverse("consultations:detail", args=[consultation.reference]) + anchor)


def _flash_error(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


def _queue_filter(request, *, today, for_advisor: bool) -> QueueFilter:
    """The queue's filters over what the user may see; the CSV export follows the same ones."""
    return QueueFilter(
        request.GET or None,
        policy.consultations_for(request.user),
        user=request.user,
        today=today,
        for_advisor=for_advisor,
    )


@login_required
@require_GET
def queue(request):
    access.require_or_404(request.user, "consultation.list")
    is_advisor = access.can(request.user, "consultation.view_internal")
    today = timezone.localdate()
    queue_filter = _queue_filter(request, today=today, for_advisor=is_advisor)
    page = Paginator(selectors.for_listing(queue_filter.qs), PAGE_SIZE).get_page(request.GET.get("page"))
    for consultation in page:
        consultation.overdue = sla.is_overdue(consultation, today=today)
        consultation.due_soon = sla.is_due_soon(consultation, today=today)
    query = request.GET.copy()
    query.pop("page", None)
    bulk_form = (
        forms.BulkAssignForm(queryset=policy.consultations_for(request.user), auto_id="bulk_%s")
        if access.can(request.user, "consultation.assign")
        else None
    )
    return render(
        request,
        "consultations/queue.html",
        {
            "form": queue_filter.form,
            "page": page,
            "counts": [
                (Status(s).label, s, n)
                for s, n in selectors.counts_by_status(queue_filter.qs_without("status")).items()
            ],
            "query": query.urlencode(),
            "bulk_form": bulk_form,
            "is_advisor": is_advisor,
        },
    )


@login_required
@require_GET
def export_csv(request):
    access.require_or_404(request.user, "consultation.list")
    today = timezone.localdate()
    queue_filter = _queue_filter(
        request, today=today, for_advisor=access.can(request.user, "consultation.view_internal")
    )
    rows = selectors.for_listing(queue_filter.qs)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + urllib.parse.quote(
        f"consultations-{today:%Y%m%d}.csv"
    )
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8, Japanese intact
    writer = csv.writer(response)
    writer.writerow(
        [
            _("受付番号"),
            _("件名"),
            _("分類"),
            _("状態"),
            _("優先度"),
            _("市町村"),
            _("業務システム分野"),
            _("相談者"),
            _("担当補佐官"),
            _("受付日"),
            _("初回回答期限"),
            _("解決期限"),
            _("期限超過"),
        ]
    )
    for c in rows.iterator(chunk_size=500):
        writer.writerow(
            [
                c.reference,
                _csv_safe(c.title),
                c.get_category_display(),
                c.get_status_display(),
                c.get_priority_display(),
                "・".join(m.name for m in c.municipalities.all()),
                "・".join(a.name for a in c.system_areas.all()),
                _csv_safe(str(c.requester)),
                _csv_safe(str(c.assignee or "")),
                timezone.localdate(c.created_at).isoformat(),
                c.first_response_due.isoformat() if c.first_response_due else "",
                c.resolution_due.isoformat() if c.resolution_due else "",
                _("はい") if sla.is_overdue(c, today=today) else "",
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """Cells that Excel would run as formulas get a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _prefill(request) -> dict:
    """A link may suggest the title and body (e.g. from the readiness result): as plain text only."""
    if request.method != "GET":
        return {}
    initial = {name: plain_text(request.GET.get(name, "")) for name in ("title", "body")}
    initial["title"] = initial["title"][:200]
    return {name: value for name, value in initial.items() if value}


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    access.require_or_404(request.user, "consultation.file")
    own = access.municipality_of(request.user)
    form = forms.ConsultationForm(
        request.POST or None, request.FILES or None, own_municipality=own, initial=_prefill(request)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_file(
                actor=request.user,
                title=data["title"],
                body=data["body"],
                category=data["category"],
                priority=data["priority"],
                system_areas=data["system_areas"],
                desired_answer_on=data["desired_answer_on"],
                joint_municipalities=data["joint_municipalities"],
                uploads=data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("相談を受け付けました（受付番号 %(ref)s）。") % {"ref": consultation.reference}
            )
            return _back(consultation)
    return render(request, "consultations/new.html", {"form": form})


def _detail_context(request, consultation) -> dict:
    user = request.user
    today = timezone.localdate()
    can = {
        action: access.can(user, f"consultation.{action}", consultation)
        for action in ("reply", "note", "assign", "follow", "rate", "view_internal")
    }
    context = {
        "c": consultation,
        "thread": selectors.thread(user, consultation),
        "files": selectors.top_level_attachments(consultation),
        "events": consultation.events.select_related("actor"),
        "visits": consultation.visits.select_related("municipality"),
        "can": can,
        "overdue": sla.is_overdue(consultation, today=today),
        "due_soon": sla.is_due_soon(consultation, today=today),
        "paused": sla.is_paused(consultation),
        "is_following": user in consultation.followers.all(),
        "reply_form": forms.MessageForm(prefix="reply", body_label=_("返信")) if can["reply"] else None,
        "note_form": forms.MessageForm(prefix="note", body_label=_("内部メモ")) if can["note"] else None,
    }
    targets = selectors.allowed_transitions(user, consultation)
    if targets:
        context["transition_form"] = forms.TransitionForm(
            targets=targets, initial={"version": consultation.version}, auto_id="transition_%s"
        )
        context["transition_actions"] = [
            (to, forms.transition_verb(consultation.status, to))
            for to in targets
            if to not in forms.CONFIRMED_TRANSITIONS
        ]
        context["confirmed_actions"] = [
            (to, forms.transition_verb(consultation.status, to))
            for to in targets
            if to in forms.CONFIRMED_TRANSITIONS
        ]
    if can["assign"] and not consultation.is_finished:
        context["assign_form"] = forms.AssignForm(
            initial={"assignee": consultation.assignee_id or user.pk, "version": consultation.version},
            auto_id="assign_%s",
        )
    if can["rate"]:
        rating = getattr(consultation, "rating", None)
        context["rating_form"] = forms.RatingForm(
            initial={"score": rating.score, "solved": rating.solved, "went_ahead": rating.went_ahead}
            if rating
            else None
        )
    if consultation.is_open and any(
        access.can(user, "visit.request", m) for m in consultation.municipalities.all()
    ):
        context["visit_form"] = forms.VisitRequestForm()
    return context


def _detail_again(request, consultation, **bound_forms):
    """The detail page once more, with the refused form as the user filled it in and why."""
    context = {**_detail_context(request, consultation), **bound_forms}
    return render(request, "consultations/detail.html", context, status=400)


@login_required
@require_GET
def detail(request, reference):
    consultation = selectors.detail(request.user, reference)
    services.notifications_mark_read(actor=request.user, consultation_id=consultation.pk)
    return render(request, "consultations/detail.html", _detail_context(request, consultation))


def _post_message(request, reference, *, internal):
    consultation = selectors.detail(request.user, reference)
    access.require_or_404(
        request.user, "consultation.note" if internal else "consultation.reply", consultation
    )
    prefix = "note" if internal else "reply"
    form = forms.MessageForm(
        request.POST, request.FILES, prefix=prefix, body_label=_("内部メモ") if internal else _("返信")
    )
    if form.is_valid():
        try:
            services.message_post(
                consultation_id=consultation.pk,
                actor=request.user,
                body=form.cleaned_data["body"],
                internal=internal,
                uploads=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("内部メモを追加しました。") if internal else _("返信を送りました。"))
            return _back(consultation, "#thread")
    return _detail_again(request, consultation, **{f"{prefix}_form": form})


@login_required
@require_POST
def reply(request, reference):
    return _post_message(request, reference, internal=False)


@login_required
@require_POST
def note(request, reference):
    return _post_message(request, reference, internal=True)


@login_required
@require_http_methods(["GET", "POST"])
def edit_message(request, reference, message_id):
    consultation = selectors.detail(request.user, reference)
    message = get_object_or_404(selectors.thread(request.user, consultation), pk=message_id)
    access.require_or_404(request.user, "message.edit", message)
    form = forms.EditMessageForm(request.POST or None, initial={"body": plain_text(message.body)})
    if request.method == "POST" and form.is_valid():
        try:
            services.message_edit(message_id=message.pk, actor=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("書き込みを編集しました。"))
            return _back(consultation, "#thread")
    return render(
        request, "consultations/edit_message.html", {"c": consultation, "message": message, "form": form}
    )


@login_required
@require_POST
def transition(request, reference):
    consultation = selectors.detail(request.user, reference)
    form = forms.TransitionForm(request.POST, targets=Status.values)
    if not form.is_valid():
        messages.error(request, _("変更後の状態を選んでください。"))
        return _back(consultation)
    data = form.cleaned_data
    if data["to"] in forms.CONFIRMED_TRANSITIONS:
        return _confirm_page(consultation, data["to"], data["version"])
    _transition(request, consultation, to=data["to"], note=data["note"], version=data["version"])
    return _back(consultation)


def _confirm_page(consultation, to, version):
    url = reverse("consultations:transition_confirm", args=[consultation.reference, to])
    return redirect(f"{url}?version={version}")


def _transition(request, consultation, *, to, note, version) -> bool:
    """Run the transition; say what happened, or why not, in a message."""
    try:
        updated = services.consultation_transition(
            consultation_id=consultation.pk, actor=request.user, to=to, note=note, expected_version=version
        )
    except PermissionDenied:
        messages.error(request, _("この状態には変更できません。"))
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request, _("状態を「%(status)s」にしました。") % {"status": updated.get_status_display()}
        )
        return True
    return False


@login_required
@require_http_methods(["GET", "POST"])
def transition_confirm(request, reference, to):
    """完了 and 取下げ cannot be undone: a page of their own says so before anything changes."""
    consultation = selectors.detail(request.user, reference)
    if to not in selectors.allowed_transitions(request.user, consultation):
        messages.error(request, _("この状態には変更できません。"))
        return _back(consultation)
    reason_required = to == Status.CLOSED and services.closing_needs_reason(consultation, request.user)
    version = request.GET.get("version", "")
    form = forms.TransitionConfirmForm(
        request.POST or None,
        reason_required=reason_required,
        initial={"version": int(version) if version.isdigit() else consultation.version},
    )
    if request.method == "POST" and form.is_valid():
        _transition(
            request,
            consultation,
            to=to,
            note=form.cleaned_data["note"],
            version=form.cleaned_data["version"],
        )
        return _back(consultation)
    return render(
        request,
        "consultations/transition_confirm.html",
        {"c": consultation, "to": to, "verb": forms.transition_verb(consultation.status, to), "form": form},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def assign(request, reference):
    consultation = selectors.detail(request.user, reference)
    access.require_or_404(request.user, "consultation.assign", consultation)
    form = forms.AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("担当補佐官を選んでください。"))
        return _back(consultation)
    try:
        services.consultation_assign(
            consultation_id=consultation.pk,
            actor=request.user,
            assignee=form.cleaned_data["assignee"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        _flash_error(request, error)
    else:
        messages.success(
            request, _("担当を %(name)s さんにしました。") % {"name": form.cleaned_data["assignee"]}
        )
    return _back(consultation)


@login_required
@require_POST
def bulk_assign(request):
    access.require_or_404(request.user, "consultation.assign")
    form = forms.BulkAssignForm(request.POST, queryset=policy.consultations_for(request.user))
    if not form.is_valid():
        messages.error(request, _("相談と担当補佐官を選んでください。"))
    else:
        try:
            done = services.consultation_bulk_assign(
                consultation_ids=[c.pk for c in form.cleaned_data["consultations"]],
                actor=request.user,
                assignee=form.cleaned_data["assignee"],
            )
        except ValidationError as error:
            _flash_error(request, error)
        else:
            messages.success(
                request,
                ngettext("%(n)d 件の担当を変更しました。", "%(n)d 件の担当を変更しました。", len(done))
                % {"n": len(done)},
            )
    next_query = request.POST.get("query", "")
    return redirect(reverse("consultations:queue") + (f"?{next_query}" if next_query else ""))


@login_required
@require_POST
def follow(request, reference):
    consultation = selectors.detail(request.user, reference)
    access.require_or_404(request.user, "consultation.follow", consultation)
    services.consultation_follow(
        consultation_id=consultation.pk, actor=request.user, follow=request.POST.get("follow") == "1"
    )
    return _back(consultation)


@login_required
@require_POST
def rate(request, reference):
    consultation = selectors.detail(request.user, reference)
    access.require_or_404(request.user, "consultation.rate", consultation)
    form = forms.RatingForm(request.POST)
    if form.is_valid():
        services.consultation_rate(consultation_id=consultation.pk, actor=request.user, **form.cleaned_data)
        messages.success(request, _("評価をありがとうございました。"))
        return _back(consultation)
    return _detail_again(request, consultation, rating_form=form)


@login_required
@require_POST
def request_visit(request, reference):
    consultation = selectors.detail(request.user, reference)
    form = forms.VisitRequestForm(request.POST)
    own = access.municipality_of(request.user)
    municipality = own if own is not None else consultation.municipalities.order_by("kana_sort").first()
    access.require_or_404(request.user, "visit.request", municipality)
    if not form.is_valid():
        return _detail_again(request, consultation, visit_form=form)
    services.visit_request(
        actor=request.user,
        municipality=municipality,
        preferred_dates=form.cleaned_data["preferred_dates"],
        consultation_id=consultation.pk,
    )
    messages.success(request, _("出前相談を依頼しました。日程が決まると通知が届きます。"))
    return _back(consultation)


@login_required
@require_GET
@never_cache
def download(request, reference, attachment_id):
    consultation = selectors.detail(request.user, reference)
    attachment = get_object_or_404(Attachment, consultation=consultation, pk=attachment_id)
    access.require_or_404(request.user, "attachment.download", attachment)
    storage = private_storage()
    try:
        handle = storage.open(attachment.stored_name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "no-store"
    return response


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


@login_required
@require_GET
def dashboard(request):
    access.require_or_404(request.user, "consultation.view_dashboard")
    today = timezone.localdate()
    data = selectors.dashboard(request.user, today=today)
    months = sorted({row["month"] for row in data["per_month_category"]})
    by_month = {
        month: {row["category"]: row["n"] for row in data["per_month_category"] if row["month"] == month}
        for month in months
    }
    category_rows = [
        (month, [by_month[month].get(category, 0) for category in Category.values]) for month in months
    ]
    totals = [(month, sum(values)) for month, values in category_rows]
    largest = max([n for _m, n in totals] or [1]) or 1
    month_bars = [(month, n, round(n / largest * 10)) for month, n in totals]
    return render(
        request,
        "consultations/dashboard.html",
        {
            **data,
            "open_by_status": [
                (Status(s).label, n)
                for s, n in data["open_by_status"].items()
                if s in ("new", "in_progress", "waiting")
            ],
            "categories": Category.labels,
            "category_rows": category_rows,
            "month_bars": month_bars,
            "can_plan_visits": access.can(request.user, "visit.schedule"),
        },
    )


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


@login_required
@require_http_methods(["GET", "POST"])
def handover(request):
    """人事異動: ask for a hand-over, see what waits for one's decision, one's own requests, the history."""
    user = request.user
    access.require_or_404(user, "membership.open_handover")
    memberships = policy.handover_memberships_for(user)
    successors = User.objects.filter(memberships__in=memberships).distinct()
    form = forms.HandoverForm(request.POST or None, memberships=memberships, successors=successors)
    if request.method == "POST" and form.is_valid():
        try:
            handover = services.handover_request(
                actor=user,
                leaver_membership_id=form.cleaned_data["leaver"].pk,
                successor=form.cleaned_data["successor"],
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, getattr(error, "messages", [_("この引継ぎは依頼できません。")]))
        else:
            messages.success(
                request,
                _(
                    "引継ぎを依頼しました。本人、CIO補佐官または管理者が承認するまで、相談も所属もそのままです。"
                ),
            )
            if access.can(user, "handover.confirm", handover):
                return redirect("consultations:handover_detail", pk=handover.pk)
            return redirect("consultations:handover")
    return render(
        request,
        "consultations/handover.html",
        {"form": form, **selectors.handover_lists(user)},
    )


def _handover_page(request, handover, *, status=200, **bound_forms):
    """The page that says what a confirmation will do, with the forms this person may use."""
    user = request.user
    context = {
        "handover": handover,
        "moving": selectors.handover_moving_consultations(user, handover),
        "can_decide": handover.is_pending and access.can(user, "handover.confirm", handover),
        "can_cancel": handover.is_pending and access.can(user, "handover.cancel", handover),
        "confirm_form": forms.HandoverConfirmForm(auto_id="confirm_%s"),
        "refuse_form": forms.HandoverRefuseForm(auto_id="refuse_%s"),
        **bound_forms,
    }
    return render(request, "consultations/handover_detail.html", context, status=status)


def _handover_in_scope(request, pk, action=None):
    handover = get_object_or_404(policy.handover_requests_for(request.user), pk=pk)
    if action:
        access.require_or_404(request.user, action, handover)
    return handover


@login_required
@require_GET
def handover_detail(request, pk):
    return _handover_page(request, _handover_in_scope(request, pk))


def _after_decision(request, handover):
    # A leaver who confirmed has no membership any more, so the hand-over page is not theirs now.
    if access.can(request.user, "membership.open_handover"):
        return redirect("consultations:handover")
    return redirect("/")


@login_required
@require_POST
def handover_confirm(request, pk):
    handover = _handover_in_scope(request, pk, "handover.confirm")
    form = forms.HandoverConfirmForm(request.POST, auto_id="confirm_%s")
    if not form.is_valid():
        return _handover_page(request, handover, status=400, confirm_form=form)
    try:
        done = services.handover_confirm(
            handover_id=handover.pk, actor=request.user, note=form.cleaned_data["note"]
        )
    except services.StaleHandover as error:
        _flash_error(request, error)
        return redirect("consultations:handover_detail", pk=handover.pk)
    except ValidationError as error:
        form.add_error(None, error)
        return _handover_page(request, handover, status=400, confirm_form=form)
    messages.success(
        request,
        _("%(n)d 件の相談を %(successor)s さんに引き継ぎ、%(leaver)s さんの所属を終了しました。")
        % {"n": done.moved_count, "successor": done.successor, "leaver": done.leaver_membership.user},
    )
    return _after_decision(request, done)


@login_required
@require_POST
def handover_refuse(request, pk):
    handover = _handover_in_scope(request, pk, "handover.refuse")
    form = forms.HandoverRefuseForm(request.POST, auto_id="refuse_%s")
    if not form.is_valid():
        return _handover_page(request, handover, status=400, refuse_form=form)
    try:
        services.handover_refuse(
            handover_id=handover.pk, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except services.StaleHandover as error:
        _flash_error(request, error)
        return redirect("consultations:handover_detail", pk=handover.pk)
    except ValidationError as error:
        form.add_error("reason", error)
        return _handover_page(request, handover, status=400, refuse_form=form)
    messages.success(request, _("引継ぎの依頼を断りました。依頼した人に通知します。"))
    return _after_decision(request, handover)


@login_required
@require_POST
def handover_cancel(request, pk):
    handover = _handover_in_scope(request, pk, "handover.cancel")
    try:
        services.handover_cancel(handover_id=handover.pk, actor=request.user)
    except services.StaleHandover as error:
        _flash_error(request, error)
        return redirect("consultations:handover_detail", pk=handover.pk)
    messages.success(request, _("引継ぎの依頼を取り消しました。"))
    return redirect("consultations:handover")
