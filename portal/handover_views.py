"""The 人事異動 hand-over pages: ask, see what a confirmation would move, confirm, refuse, cancel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import access, forms, selectors
from portal import handover as handover_service
from portal.feedback import flash_errors
from portal.models import User


@login_required
@require_http_methods(["GET", "POST"])
def handover(request):
    """人事異動: ask for a hand-over, see what waits for one's decision, one's own requests, the history."""
    user = request.user
    access.require_or_404(user, "membership.open_handover")
    memberships = access.handover_memberships_for(user)
    successors = User.objects.filter(memberships__in=memberships).distinct()
    form = forms.HandoverForm(request.POST or None, memberships=memberships, successors=successors)
    if request.method == "POST" and form.is_valid():
        try:
            handover = handover_service.handover_request(
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
                    "引継ぎを依頼しました。本人、CIO補佐官または管理者が承認するまで、何も引き継がれず、所属もそのままです。"
                ),
            )
            if access.can(user, "handover.confirm", handover):
                return redirect("handover_detail", pk=handover.pk)
            return redirect("handover")
    return render(
        request,
        "portal/handover.html",
        {"form": form, "moves": handover_service.participants(), **selectors.handover_lists(user)},
    )


def _handover_page(request, handover, *, status=200, **bound_forms):
    """The page that says what a confirmation will do, with the forms this person may use."""
    user = request.user
    context = {
        "handover": handover,
        "previews": handover_service.previews(user, handover),
        "can_decide": handover.is_pending and access.can(user, "handover.confirm", handover),
        "can_cancel": handover.is_pending and access.can(user, "handover.cancel", handover),
        "confirm_form": forms.HandoverConfirmForm(auto_id="confirm_%s"),
        "refuse_form": forms.HandoverRefuseForm(auto_id="refuse_%s"),
        **bound_forms,
    }
    return render(request, "portal/handover_detail.html", context, status=status)


def _handover_in_scope(request, pk, action=None):
    handover = get_object_or_404(access.handover_requests_for(request.user), pk=pk)
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
        return redirect("handover")
    return redirect("/")


@login_required
@require_POST
def handover_confirm(request, pk):
    handover = _handover_in_scope(request, pk, "handover.confirm")
    form = forms.HandoverConfirmForm(request.POST, auto_id="confirm_%s")
    if not form.is_valid():
        return _handover_page(request, handover, status=400, confirm_form=form)
    try:
        done = handover_service.handover_confirm(
            handover_id=handover.pk, actor=request.user, note=form.cleaned_data["note"]
        )
    except handover_service.StaleHandover as error:
        flash_errors(request, error)
        return redirect("handover_detail", pk=handover.pk)
    except ValidationError as error:
        form.add_error(None, error)
        return _handover_page(request, handover, status=400, confirm_form=form)
    messages.success(
        request,
        _("%(successor)s さんに %(n)d 件を引き継ぎ、%(leaver)s さんの所属を終了しました。")
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
        handover_service.handover_refuse(
            handover_id=handover.pk, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except handover_service.StaleHandover as error:
        flash_errors(request, error)
        return redirect("handover_detail", pk=handover.pk)
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
        handover_service.handover_cancel(handover_id=handover.pk, actor=request.user)
    except handover_service.StaleHandover as error:
        flash_errors(request, error)
        return redirect("handover_detail", pk=handover.pk)
    messages.success(request, _("引継ぎの依頼を取り消しました。"))
    return redirect("handover")
