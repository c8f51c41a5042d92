"""What every workspace page starts with: the workspace from its slug, checked against an action.

A workspace outside the user's scope does not exist for them (404), as everywhere in the portal; one
they may know of but not open at this depth answers 404 too, so its pages leak nothing."""

from django.shortcuts import get_object_or_404

from portal import access
from procurement.models import Workspace
from procurement.relations import relation_of, workspaces_for


def workspace_for(request, slug: str, action: str, **context) -> Workspace:
    workspace = get_object_or_404(workspaces_for(request.user), slug=slug)
    access.require_or_404(request.user, action, workspace, **context)
    return workspace


def workspace_context(request, workspace: Workspace, tab: str, **extra) -> dict:
    """The workspace pages' shared context: which tab is current and who the user is to the group."""
    return {"workspace": workspace, "tab": tab, "relation": relation_of(request.user, workspace), **extra}
