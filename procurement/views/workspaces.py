"""/procurement/ (the groups one may know of), /procurement/new/ (founding one), a group's overview and
its edit form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal import access
from portal.models import Municipality, SystemArea
from procurement import success_factors
from procurement.forms_workspace import WorkspaceCreateForm, WorkspaceForm
from procurement.models import Milestone
from procurement.relations import workspaces_for
from procurement.services_workspace import WorkspaceError, suggest_slug, workspace_create, workspace_update
from procurement.views.common import workspace_context, workspace_for

# A starter's link names a handful of municipalities and areas; more ids than this are ignored.
PREFILL_IDS_MAX = 100


@login_required
@require_GET
def workspace_list(request):
    access.require_or_404(request.user, "procurement.list")
    workspaces = workspaces_for(request.user).prefetch_related("members__municipality")
    return render(request, "procurement/list.html", {"workspaces": workspaces})


def next_milestone(workspace):
    """The first step not done yet, in the seed's order."""
    return (
        Milestone.objects.filter(workspace=workspace, actual_on__isnull=True)
        .select_related("member__municipality")
        .first()
    )


@login_required
@require_GET
def workspace_detail(request, slug):
    workspace = workspace_for(request, slug, "procurement.view")
    context = workspace_context(request, workspace, "overview")
    if access.can(request.user, "procurement.follow", workspace):
        context |= {
            "members": workspace.members.select_related("municipality", "contact"),
            "secretariat": workspace.secretariat.select_related("user"),
            "areas": workspace.areas.all(),
            "next_milestone": next_milestone(workspace),
            "warnings": success_factors.warnings_for(workspace),
            "may_join_secretariat": access.can(request.user, "procurement.secretariat.join", workspace),
        }
    return render(request, "procurement/detail.html", context)


def _ids(value: str) -> list[int]:
    parts = value.split(",")[:PREFILL_IDS_MAX]
    return [int(part) for part in (p.strip() for p in parts) if part.isascii() and part.isdigit()]


def _prefill(request, own) -> tuple[dict, list]:
    """What a starter's link suggests: the invited municipalities (as founders when they fit: an advisor
    founds with all of them; staff with one more) and the areas. Ids that name nothing are ignored."""
    invited = list(
        Municipality.in_display_order(
            Municipality.objects.filter(pk__in=_ids(request.GET.get("municipalities", "")))
        )
    )
    if own is not None:
        invited = [m for m in invited if m.pk != own.pk]
    initial = {
        "areas": list(SystemArea.objects.filter(active=True, pk__in=_ids(request.GET.get("areas", ""))))
    }
    if own is None:
        initial["founders"] = invited
    elif len(invited) == 1:
        initial["founders"] = invited[0]
    return {name: value for name, value in initial.items() if value}, invited


@login_required
@require_http_methods(["GET", "POST"])
def workspace_new(request):
    access.require_or_404(request.user, "procurement.create")
    own = access.municipality_of(request.user)
    initial, invited = _prefill(request, own) if request.method == "GET" else ({}, [])
    founders = [own] if own is not None else []
    suggestion = (
        suggest_slug(founders + invited[:1], timezone.localdate().year) if founders or invited else ""
    )
    form = WorkspaceCreateForm(
        request.POST or None, own_municipality=own, suggestion=suggestion, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            workspace = workspace_create(
                actor=request.user,
                name=data["name"],
                slug=data["slug"],
                founders=form.chosen_founders(),
                description=data["description"],
                arrangement=data["arrangement"],
                purpose=data["purpose"],
                areas=data["areas"],
                business_count=data["business_count"],
                recruiting=data["recruiting"],
            )
        except WorkspaceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("検討会「%(name)s」を作りました。") % {"name": workspace.name})
            return redirect("procurement:detail", workspace.slug)
    return render(
        request,
        "procurement/workspace/new.html",
        {"form": form, "invited": invited if own is not None and len(invited) > 1 else []},
    )


EDITABLE = [
    "name",
    "slug",
    "description",
    "arrangement",
    "purpose",
    "areas",
    "business_count",
    "recruiting",
    "status",
]


@login_required
@require_http_methods(["GET", "POST"])
def workspace_edit(request, slug):
    workspace = workspace_for(request, slug, "procurement.edit")
    initial = {name: getattr(workspace, name) for name in EDITABLE if name != "areas"}
    initial["areas"] = list(workspace.areas.all())
    form = WorkspaceForm(request.POST or None, workspace=workspace, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            workspace = workspace_update(
                actor=request.user,
                workspace_id=workspace.pk,
                **{name: form.cleaned_data[name] for name in EDITABLE},
            )
        except WorkspaceError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("検討会の内容を保存しました。"))
            return redirect("procurement:detail", workspace.slug)
    return render(
        request,
        "procurement/workspace/edit.html",
        workspace_context(request, workspace, "overview", form=form),
    )
