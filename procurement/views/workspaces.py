"""/procurement/ (the groups one may know of) and /procurement/<slug>/ (a group's overview)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal import access
from procurement.relations import workspaces_for
from procurement.views.common import workspace_context, workspace_for


@login_required
@require_GET
def workspace_list(request):
    access.require_or_404(request.user, "procurement.list")
    workspaces = workspaces_for(request.user).prefetch_related("members__municipality")
    return render(request, "procurement/list.html", {"workspaces": workspaces})


@login_required
@require_GET
def workspace_detail(request, slug):
    workspace = workspace_for(request, slug, "procurement.view")
    return render(request, "procurement/detail.html", workspace_context(request, workspace, "overview"))
