"""A workspace's invitations: the list (inside the group), the form that sends one with the partner
finder's reasons (those who run the group), and the invited staff's page to accept or decline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import access
from portal.models import Municipality
from procurement import partners
from procurement.forms_partners import DecisionForm, InvitationForm
from procurement.models import InvitationState
from procurement.policy_partners import invitations_for
from procurement.services_invitations import (
    InvitationError,
    invitation_decide,
    invitation_send,
    invitation_withdraw,
)
from procurement.views.common import workspace_context, workspace_for


@login_required
@require_GET
def invitations_list(request, slug):
    workspace = workspace_for(request, slug, "procurement.invitation.list")
    invitations = workspace.invitations.select_related("municipality", "invited_by", "decided_by")
    return render(
        request,
        "procurement/invitations/list.html",
        workspace_context(request, workspace, "invitations", invitations=invitations),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitations_new(request, slug):
    workspace = workspace_for(request, slug, "procurement.invitation.send")
    municipality = get_object_or_404(Municipality, code=request.GET.get("municipality", ""))
    # The reasons are the finder's, worked out again here: what the invited staff read is never typed.
    candidate = partners.candidate_in_workspace(workspace, municipality)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_send(
                actor=request.user,
                workspace_id=workspace.pk,
                municipality_id=municipality.pk,
                message=form.cleaned_data["message"],
                reasons=[reason.as_data() for reason in candidate.reasons],
            )
        except InvitationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)sに参加を呼びかけました。") % {"name": municipality})
            return redirect("procurement:invitations_list", workspace.slug)
    return render(
        request,
        "procurement/invitations/new.html",
        workspace_context(request, workspace, "partners", form=form, candidate=candidate),
    )


def _invitation(request, slug, pk, action):
    invitation = get_object_or_404(
        invitations_for(request.user).select_related("workspace", "municipality", "invited_by"),
        pk=pk,
        workspace__slug=slug,
    )
    access.require_or_404(request.user, action, invitation)
    return invitation


def _detail(request, invitation, form):
    workspace = invitation.workspace
    return render(
        request,
        "procurement/invitations/detail.html",
        workspace_context(
            request,
            workspace,
            "invitations",
            invitation=invitation,
            form=form,
            can_decide=access.can(request.user, "procurement.invitation.decide", invitation)
            and invitation.state == InvitationState.OPEN,
            members=workspace.members.select_related("municipality"),
        ),
    )


@login_required
@require_GET
def invitations_detail(request, slug, pk):
    invitation = _invitation(request, slug, pk, "procurement.invitation.view")
    return _detail(request, invitation, DecisionForm())


@login_required
@require_POST
def invitations_decide(request, slug, pk):
    invitation = _invitation(request, slug, pk, "procurement.invitation.decide")
    form = DecisionForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            invitation_decide(
                actor=request.user, invitation_id=invitation.pk, accept=accept, note=form.cleaned_data["note"]
            )
        except InvitationError as error:
            form.add_error(None, str(error))
        else:
            if accept:
                messages.success(request, _("参加しました。検討会の資料を見られるようになりました。"))
                return redirect("procurement:detail", invitation.workspace.slug)
            messages.success(request, _("辞退を伝えました。"))
            return redirect("procurement:invitations_detail", invitation.workspace.slug, invitation.pk)
    invitation.refresh_from_db()
    return _detail(request, invitation, form)


@login_required
@require_POST
def invitations_withdraw(request, slug, pk):
    workspace = workspace_for(request, slug, "procurement.invitation.withdraw")
    invitation = get_object_or_404(workspace.invitations, pk=pk)
    try:
        invitation_withdraw(actor=request.user, invitation_id=invitation.pk)
    except InvitationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(name)sへの呼びかけを取り下げました。") % {"name": invitation.municipality}
        )
    return redirect("procurement:invitations_list", workspace.slug)
