"""A group's members (/procurement/<slug>/members/) and secretariat (/procurement/<slug>/secretariat/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import access
from procurement import services_workspace as services
from procurement.forms_workspace import AdvisorForm, ConsultantForm, MemberForm
from procurement.services_workspace import WorkspaceError
from procurement.views.common import workspace_context, workspace_for


@login_required
@require_GET
def member_list(request, slug):
    workspace = workspace_for(request, slug, "procurement.view_inside")
    members = list(workspace.members.select_related("municipality", "contact"))
    for member in members:
        member.may_edit = access.can(request.user, "procurement.member.edit", member)
        member.may_remove = access.can(request.user, "procurement.member.remove", member)
        member.is_own = access.same_municipality(request.user, member.municipality)
    return render(
        request,
        "procurement/workspace/members.html",
        workspace_context(request, workspace, "members", members=members),
    )


def _member(request, slug, member_id, action):
    workspace = workspace_for(request, slug, "procurement.view_inside")
    member = get_object_or_404(workspace.members.select_related("municipality"), pk=member_id)
    access.require_or_404(request.user, action, member)
    return workspace, member


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, slug, member_id):
    workspace, member = _member(request, slug, member_id, "procurement.member.edit")
    form = MemberForm(
        request.POST or None,
        member=member,
        initial={"contact": member.contact_id, "head_signoff_on": member.head_signoff_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(actor=request.user, member_id=member.pk, **form.cleaned_data)
        except WorkspaceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("%(town)s の担当者と了承日を保存しました。") % {"town": member.municipality}
            )
            return redirect("procurement:workspace_members", workspace.slug)
    return render(
        request,
        "procurement/workspace/member_edit.html",
        workspace_context(request, workspace, "members", member=member, form=form),
    )


@login_required
@require_POST
def member_remove(request, slug, member_id):
    workspace, member = _member(request, slug, member_id, "procurement.member.remove")
    leaving = access.same_municipality(request.user, member.municipality)
    try:
        services.member_remove(actor=request.user, member_id=member.pk)
    except WorkspaceError as error:
        messages.error(request, error.message)
        return redirect("procurement:workspace_members", workspace.slug)
    if leaving:
        messages.success(request, _("%(town)s は検討会から抜けました。") % {"town": member.municipality})
        return redirect("procurement:list")
    messages.success(request, _("%(town)s を参加団体から外しました。") % {"town": member.municipality})
    return redirect("procurement:workspace_members", workspace.slug)


def _secretariat_page(request, workspace, advisor_form=None, consultant_form=None, status=200):
    may_manage = access.can(request.user, "procurement.secretariat.manage", workspace)
    context = workspace_context(
        request,
        workspace,
        "secretariat",
        rows=workspace.secretariat.select_related("user"),
        may_manage=may_manage,
    )
    if may_manage:
        context["advisor_form"] = advisor_form or AdvisorForm(workspace=workspace, prefix="advisor")
        context["consultant_form"] = consultant_form or ConsultantForm(
            workspace=workspace, prefix="consultant"
        )
    return render(request, "procurement/workspace/secretariat.html", context, status=status)


@login_required
@require_GET
def secretariat(request, slug):
    return _secretariat_page(request, workspace_for(request, slug, "procurement.view_inside"))


@login_required
@require_POST
def secretariat_add_advisor(request, slug):
    workspace = workspace_for(request, slug, "procurement.secretariat.manage")
    form = AdvisorForm(request.POST, workspace=workspace, prefix="advisor")
    if form.is_valid():
        try:
            row = services.secretariat_add_advisor(
                actor=request.user, workspace_id=workspace.pk, advisor=form.cleaned_data["advisor"]
            )
        except WorkspaceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("%(name)s を事務局に加えました。") % {"name": row.user.get_full_name() or row.user.email},
            )
            return redirect("procurement:workspace_secretariat", workspace.slug)
    return _secretariat_page(request, workspace, advisor_form=form)


@login_required
@require_POST
def secretariat_add_consultant(request, slug):
    workspace = workspace_for(request, slug, "procurement.secretariat.manage")
    form = ConsultantForm(request.POST, workspace=workspace, prefix="consultant")
    if form.is_valid():
        data = form.cleaned_data
        try:
            row = services.secretariat_add_consultant(
                actor=request.user,
                workspace_id=workspace.pk,
                consultant=data["consultant"],
                email=data["email"],
                last_name=data["last_name"],
                first_name=data["first_name"],
            )
        except WorkspaceError as error:
            form.add_error(error.field, error.message)
        else:
            if data["consultant"] is None:
                message = _(
                    "コンサルタントのアカウントを作り、%(email)s にパスワード設定のメールを送りました。"
                )
            else:
                message = _("%(email)s のコンサルタントを事務局に加えました。")
            messages.success(request, message % {"email": row.user.email})
            return redirect("procurement:workspace_secretariat", workspace.slug)
    return _secretariat_page(request, workspace, consultant_form=form)


@login_required
@require_POST
def secretariat_remove(request, slug, row_id):
    workspace = workspace_for(request, slug, "procurement.secretariat.manage")
    row = get_object_or_404(workspace.secretariat.select_related("user"), pk=row_id)
    try:
        services.secretariat_remove(actor=request.user, secretariat_id=row.pk)
    except WorkspaceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(name)s を事務局から外しました。") % {"name": row.user.get_full_name() or row.user.email},
        )
    return redirect("procurement:workspace_secretariat", workspace.slug)


@login_required
@require_POST
def secretariat_join(request, slug):
    workspace = workspace_for(request, slug, "procurement.secretariat.join")
    services.secretariat_join(actor=request.user, workspace_id=workspace.pk)
    messages.success(request, _("事務局に加わりました。"))
    return redirect("procurement:workspace_secretariat", workspace.slug)
