"""/procurement/<slug>/costs/ (the cost model), its rows' editing, /cost-sharing/ (the calculator and
the saved scenarios) and /case-drafts/ (from go-live to a case-study draft)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import access, case_drafts
from procurement import cost_sharing
from procurement.case_draft import case_draft_create, timeline_from_milestones
from procurement.costs import cost_summary, member_cost_save
from procurement.forms_costs import CaseDraftForm, CostSharingForm, MemberCostForm, ScenarioForm
from procurement.models import CaseDraft, CostSharingScenario, MemberCost, WorkspaceStatus
from procurement.views.common import workspace_context, workspace_for


@login_required
@require_GET
def costs(request, slug):
    workspace = workspace_for(request, slug, "procurement.follow")
    summary = cost_summary(workspace)
    editable = {
        row.member.pk
        for row in summary.rows
        if access.can(request.user, "procurement.cost.edit", workspace, member=row.member)
    }
    draft = CaseDraft.objects.filter(workspace=workspace).first()
    return render(
        request,
        "procurement/costs/summary.html",
        workspace_context(
            request,
            workspace,
            "costs",
            summary=summary,
            editable=editable,
            is_live=workspace.status == WorkspaceStatus.LIVE,
            case_draft=draft,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def cost_edit(request, slug, member_pk):
    workspace = workspace_for(request, slug, "procurement.cost.edit")
    member = get_object_or_404(workspace.members.select_related("municipality"), pk=member_pk)
    access.require_or_404(request.user, "procurement.cost.edit", workspace, member=member)
    cost = MemberCost.objects.filter(member=member).first()
    initial = {}
    if cost is not None:
        initial = {
            "current_annual_yen": cost.current_annual_yen,
            "proposed_annual_yen": cost.proposed_annual_yen,
            "standalone_annual_yen": cost.standalone_annual_yen,
            "basis": cost.basis,
        }
    form = MemberCostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        member_cost_save(actor=request.user, member=member, **form.cleaned_data)
        messages.success(request, _("%(name)sの経費を保存しました。") % {"name": member.municipality})
        return redirect("procurement:costs_summary", workspace.slug)
    return render(
        request,
        "procurement/costs/edit.html",
        workspace_context(request, workspace, "costs", member=member, form=form, cost=cost),
    )


def _sharing_page(request, workspace, *, form, save_form):
    scenarios = list(CostSharingScenario.objects.filter(workspace=workspace).select_related("created_by"))
    comparison = _comparison(workspace, scenarios)
    return render(
        request,
        "procurement/costs/sharing.html",
        workspace_context(
            request,
            workspace,
            "costs",
            form=form,
            save_form=save_form,
            scenarios=scenarios,
            comparison=comparison,
            populations_approximate=any(
                member.municipality.population_is_approximate
                for member in workspace.members.select_related("municipality")
            ),
        ),
    )


def _comparison(workspace, scenarios):
    """Each member's share under each saved scenario, as rows (member, [share or None, ...])."""
    if not scenarios:
        return []
    parties = cost_sharing.parties_for(workspace)
    by_scenario = []
    for scenario in scenarios:
        try:
            shares = {share.party.key: share for share in cost_sharing.scenario_shares(scenario)}
        except cost_sharing.CostSharingError:
            # The members changed since it was saved (one joined without a usage figure).
            shares = {}
        by_scenario.append(shares)
    return [(party, [shares.get(party.key) for shares in by_scenario]) for party in parties]


def _initial(workspace, scenario: CostSharingScenario | None) -> dict:
    if scenario is not None:
        data = {
            "total_yen": scenario.total_yen,
            "equal_percent": scenario.equal_percent,
            "population_percent": scenario.population_percent,
            "usage_percent": scenario.usage_percent,
            "usage_label": scenario.usage_label,
        }
        data.update({f"usage_{key}": value for key, value in cost_sharing.scenario_usages(scenario).items()})
        return data
    proposed = [row.proposed for row in cost_summary(workspace).rows if row.proposed is not None]
    return {
        "total_yen": sum(proposed) if proposed else None,
        "equal_percent": 30,
        "population_percent": 70,
        "usage_percent": 0,
    }


@login_required
@require_GET
def cost_sharing_page(request, slug):
    """The calculator works from the query string alone (nothing is saved); ?scenario= fills it in."""
    workspace = workspace_for(request, slug, "procurement.follow")
    parties = cost_sharing.parties_for(workspace)
    scenario = None
    if request.GET.get("scenario", "").isdigit():
        scenario = CostSharingScenario.objects.filter(workspace=workspace, pk=request.GET["scenario"]).first()
    if "total_yen" in request.GET:
        form = CostSharingForm(request.GET, parties=parties)
        form.is_valid()
    elif scenario is not None:
        form = CostSharingForm(_initial(workspace, scenario), parties=parties)
        form.is_valid()
    else:
        form = CostSharingForm(initial=_initial(workspace, None), parties=parties)
    save_form = None
    if (
        access.can(request.user, "procurement.cost_sharing.save", workspace)
        and form.is_bound
        and form.is_valid()
    ):
        save_form = ScenarioForm(initial=form.cleaned_data | {"name": ""}, parties=parties)
    return _sharing_page(request, workspace, form=form, save_form=save_form)


@login_required
@require_POST
def cost_sharing_save(request, slug):
    workspace = workspace_for(request, slug, "procurement.cost_sharing.save")
    parties = cost_sharing.parties_for(workspace)
    save_form = ScenarioForm(request.POST, parties=parties)
    if save_form.is_valid():
        try:
            scenario = cost_sharing.cost_sharing_scenario_save(
                actor=request.user,
                workspace=workspace,
                name=save_form.cleaned_data["name"],
                total_yen=save_form.cleaned_data["total_yen"],
                rule=save_form.rule(),
                usage_label=save_form.cleaned_data["usage_label"],
                usages=save_form.usages(),
            )
        except cost_sharing.CostSharingError as refused:
            save_form.add_error("name" if refused.field == "name" else None, refused.message)
        else:
            messages.success(request, _("シナリオ「%(name)s」を保存しました。") % {"name": scenario.name})
            url = reverse("procurement:costs_sharing", args=[workspace.slug])
            return redirect(f"{url}?scenario={scenario.pk}")
    form = CostSharingForm(request.POST, parties=parties)
    form.is_valid()
    return _sharing_page(request, workspace, form=form, save_form=save_form)


@login_required
@require_http_methods(["GET", "POST"])
def case_draft(request, slug):
    workspace = workspace_for(request, slug, "procurement.case_draft.create")
    draft = CaseDraft.objects.filter(workspace=workspace).select_related("drafted_by").first()
    form = CaseDraftForm(
        request.POST if request.method == "POST" and draft is None else None,
        initial={"title": workspace.name, **timeline_from_milestones(workspace)},
        started_on=workspace.started_on,
    )
    if request.method == "POST":
        if draft is not None:
            messages.info(request, _("この検討会の事例の下書きはすでに作られています。"))
            return redirect("procurement:costs_case_draft", workspace.slug)
        if form.is_valid():
            try:
                draft, _created = case_draft_create(
                    actor=request.user, workspace=workspace, **form.cleaned_data
                )
            except case_drafts.CaseDraftError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request, _("事例の下書きを作り、事例の決裁（CIO補佐官の確認）に回しました。")
                )
                return redirect("procurement:costs_case_draft", workspace.slug)
    edit_url = case_drafts.edit_url(request.user, draft.page_id) if draft is not None else ""
    return render(
        request,
        "procurement/costs/case_draft.html",
        workspace_context(
            request,
            workspace,
            "costs",
            form=form,
            draft=draft,
            edit_url=edit_url,
            is_live=workspace.status == WorkspaceStatus.LIVE,
        ),
    )
