"""A group's milestones (/procurement/<slug>/milestones/) with the success factors' warnings, and the
form that sets one milestone's dates, owner and note."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal import access
from procurement import success_factors
from procurement.forms_workspace import MilestoneForm
from procurement.milestones import MilestoneError, milestone_update
from procurement.views.common import workspace_context, workspace_for


@login_required
@require_GET
def milestone_list(request, slug):
    workspace = workspace_for(request, slug, "procurement.follow")
    checks = success_factors.checks_for(workspace)
    return render(
        request,
        "procurement/workspace/milestones.html",
        workspace_context(
            request,
            workspace,
            "milestones",
            milestones=workspace.milestones.select_related("member__municipality"),
            checks=checks,
            warnings=[check for check in checks if check.warns],
            may_edit=access.can(request.user, "procurement.milestone.edit", workspace),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request, slug, milestone_id):
    workspace = workspace_for(request, slug, "procurement.milestone.edit")
    milestone = get_object_or_404(
        workspace.milestones.select_related("member__municipality"), pk=milestone_id
    )
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            milestone_update(actor=request.user, milestone_id=milestone.pk, **form.cleaned_data)
        except MilestoneError as error:
            form.add_error("actual_on", str(error))
        else:
            messages.success(
                request, _("「%(step)s」を保存しました。") % {"step": milestone.get_step_display()}
            )
            return redirect("procurement:workspace_milestones", workspace.slug)
    return render(
        request,
        "procurement/workspace/milestone_edit.html",
        workspace_context(request, workspace, "milestones", milestone=milestone, form=form),
    )
