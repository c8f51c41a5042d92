"""The desk's pages: the queue, filing, a consultation's thread and what staff and advisors do on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
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
    Status,
)
from portal import access, notifications
from portal.feedback import flash_errors
from portal.models import Municipality, SystemArea
from portal.pagination import BoundedPaginator
from portal.sanitize import plain_text
from portal.uploads import storage

PAGE_SIZE = 25


def _back(consultation, anchor=""):
    return redirect(reverse("consultations:detail", args=[consultation.reference]) + anchor)


@login_required
@require_GET
def queue(request):
    access.require_or_404(request.user, "consultation.list")
    is_advisor = access.can(request.user, "consultation.view_internal")
    today = timezone.localdate()
    # Read once: the filter's 担当 choices and the bulk form's both list them.
    team = list(forms.advisors())
    queue_filter = QueueFilter.for_request(request, today=today, for_advisor=is_advisor, team=team)
    by_status = selectors.queue_counts(request.user, queue_filter)
    # Not narrowed by anything but the status, the list's size is the sum of its statuses' kept counts.
    known = None if queue_filter.narrowed() else sum(by_status[s] for s in queue_filter.statuses())
    listing = queue_filter.listing(rows=selectors.for_listing)
    page = BoundedPaginator(listing, PAGE_SIZE, count=known).get_page(request.GET.get("page"))
    for consultation in page:
        consultation.overdue = sla.is_overdue(consultation, today=today)
        consultation.due_soon = sla.is_due_soon(consultation, today=today)
    query = request.GET.copy()
    query.pop("page", None)
    counts = []
    for status, n in by_status.items():
        # The counts are of the other filters' list: each links to its status within them.
        narrowed_to = query.copy()
        narrowed_to["status"] = status
        counts.append((Status(status).label, narrowed_to.urlencode(), n))
    bulk_form = (
        forms.BulkAssignForm(queryset=policy.consultations_for(request.user), auto_id="bulk_%s", team=team)
        if access.can(request.user, "consultation.assign")
        else None
    )
    return render(
        request,
        "consultations/queue.html",
        {
            "form": queue_filter.form,
            "page": page,
            "counts": counts,
            "query": query.urlencode(),
            "bulk_form": bulk_form,
            "is_advisor": is_advisor,
        },
    )


# An invitation names a handful of partners; ids beyond this many are ignored, so a crafted link costs little.
PREFILL_IDS_MAX = 100


def _ids(value: str) -> list[int]:
    """The ids in "12,34": anything that is not a plain number is left out."""
    parts = value.split(",")[:PREFILL_IDS_MAX]
    return [int(part) for part in (p.strip() for p in parts) if part.isascii() and part.isdigit()]


def _prefill(request, own) -> dict:
    """A link may suggest the title and body (e.g. from the readiness result), as plain text only, and a
    joint consultation's partners, system areas and category (an invitation to consult together): ids
    that name nothing are ignored, and the filer's own municipality is never its own partner."""
    if request.method != "GET":
        return {}
    initial = {name: plain_text(request.GET.get(name, "")) for name in ("title", "body")}
    initial["title"] = initial["title"][:200]
    partners = Municipality.objects.filter(pk__in=_ids(request.GET.get("partners", "")))
    if own is not None:
        partners = partners.exclude(pk=own.pk)
    initial["joint_municipalities"] = list(partners)
    areas = _ids(request.GET.get("system_areas", ""))
    initial["system_areas"] = list(SystemArea.objects.filter(active=True, pk__in=areas))
    if request.GET.get("category") in Category.values:
        initial["category"] = request.GET["category"]
    return {name: value for name, value in initial.items() if value}


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    access.require_or_404(request.user, "consultation.file")
    own = access.municipality_of(request.user)
    form = forms.ConsultationForm(
        request.POST or None, request.FILES or None, own_municipality=own, initial=_prefill(request, own)
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
    notifications.notifications_mark_read(actor=request.user, target=consultation)
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
        flash_errors(request, error)
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
        {
            "c": consultation,
            "to": to,
            "withdrawing": to == Status.WITHDRAWN,
            "verb": forms.transition_verb(consultation.status, to),
            "form": form,
        },
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
        flash_errors(request, error)
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
            flash_errors(request, error)
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
    return storage.download(
        private_storage(),
        stored_name=attachment.stored_name,
        name=attachment.name,
        content_type=attachment.content_type,
    )
