from django.urls import path

from procurement.views import costs, workspaces

app_name = "procurement"

urlpatterns = [
    path("", workspaces.workspace_list, name="list"),
    path("<slug:slug>/", workspaces.workspace_detail, name="detail"),
    # cost model, cost sharing and the case-study draft
    path("<slug:slug>/costs/", costs.costs, name="costs_summary"),
    path("<slug:slug>/costs/<int:member_pk>/", costs.cost_edit, name="costs_edit"),
    path("<slug:slug>/cost-sharing/", costs.cost_sharing_page, name="costs_sharing"),
    path("<slug:slug>/cost-sharing/scenarios/", costs.cost_sharing_save, name="costs_sharing_save"),
    path("<slug:slug>/case-drafts/", costs.case_draft, name="costs_case_draft"),
]
