"""The partner finder: /procurement/partners/ (for one's municipality, or the one an advisor chooses)
and /procurement/<slug>/partners/ (for a workspace, relative to its members, with 「呼びかける」)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal import access
from portal.models import Municipality
from procurement import partners
from procurement.views.choosing import chosen_municipality
from procurement.views.common import workspace_context, workspace_for


def _choices(user):
    if access.is_advisor_like(user):
        return Municipality.objects.all()
    own = access.municipality_of(user)
    return Municipality.objects.filter(pk=getattr(own, "pk", None))


def _explained(**context) -> dict:
    return {"weights": partners.WEIGHTS, "criteria": partners.CRITERIA, **context}


@login_required
@require_GET
def partners_find(request):
    access.require_or_404(request.user, "procurement.partners.find")
    chooser, municipality = chosen_municipality(request, _choices(request.user), "procurement.partners.find")
    candidates = partners.rank_for_municipality(municipality) if municipality else []
    return render(
        request,
        "procurement/partners/find.html",
        _explained(chooser=chooser, municipality=municipality, candidates=candidates),
    )


@login_required
@require_GET
def partners_workspace(request, slug):
    workspace = workspace_for(request, slug, "procurement.partners.rank_for_workspace")
    context = workspace_context(
        request, workspace, "partners", candidates=partners.rank_for_workspace(workspace)
    )
    return render(request, "procurement/partners/workspace.html", _explained(**context))
