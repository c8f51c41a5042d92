from django.urls import path

from procurement.views import (
    common_forms,
    costs,
    evaluation,
    fitgap,
    inventory,
    invitations,
    members,
    milestones,
    partners,
    records,
    workspaces,
)

app_name = "procurement"

urlpatterns = [
    path("", workspaces.workspace_list, name="list"),
    # workspace pages: founding and editing a group, its members, secretariat and milestones
    path("new/", workspaces.workspace_new, name="workspace_new"),
    # the system inventory, the partner finder and invitations (before <slug>/: these words are
    # reserved, never a workspace's slug)
    path("inventory/", inventory.inventory_list, name="inventory_list"),
    path("inventory/<str:code>/new/", inventory.inventory_new, name="inventory_new"),
    path("inventory/<str:code>/<int:pk>/edit/", inventory.inventory_edit, name="inventory_edit"),
    path("inventory/<str:code>/<int:pk>/delete/", inventory.inventory_remove, name="inventory_delete"),
    path("partners/", partners.partners_find, name="partners_find"),
    path("<slug:slug>/partners/", partners.partners_workspace, name="partners_workspace"),
    path("<slug:slug>/invitations/", invitations.invitations_list, name="invitations_list"),
    path("<slug:slug>/invitations/new/", invitations.invitations_new, name="invitations_new"),
    path("<slug:slug>/invitations/<int:pk>/", invitations.invitations_detail, name="invitations_detail"),
    path(
        "<slug:slug>/invitations/<int:pk>/decide/", invitations.invitations_decide, name="invitations_decide"
    ),
    path(
        "<slug:slug>/invitations/<int:pk>/withdraw/",
        invitations.invitations_withdraw,
        name="invitations_withdraw",
    ),
    path("<slug:slug>/", workspaces.workspace_detail, name="detail"),
    # cost model, cost sharing and the case-study draft
    path("<slug:slug>/costs/", costs.costs, name="costs_summary"),
    path("<slug:slug>/costs/<int:member_pk>/", costs.cost_edit, name="costs_edit"),
    path("<slug:slug>/cost-sharing/", costs.cost_sharing_page, name="costs_sharing"),
    path("<slug:slug>/cost-sharing/scenarios/", costs.cost_sharing_save, name="costs_sharing_save"),
    path("<slug:slug>/case-drafts/", costs.case_draft, name="costs_case_draft"),
    # Records: vendor Q&A, documents with versions, the decision log.
    path("<slug:slug>/questions/", records.questions, name="records_questions"),
    path("<slug:slug>/questions/export.csv", records.questions_export, name="records_questions_export"),
    path("<slug:slug>/questions/new/", records.question_new, name="records_question_new"),
    path("<slug:slug>/questions/<int:number>/edit/", records.question_edit, name="records_question_edit"),
    path("<slug:slug>/questions/publish/", records.questions_publish, name="records_questions_publish"),
    path("<slug:slug>/documents/", records.documents, name="records_documents"),
    path("<slug:slug>/documents/new/", records.document_new, name="records_document_new"),
    path("<slug:slug>/documents/<int:pk>/", records.document, name="records_document"),
    path("<slug:slug>/documents/<int:pk>/versions/", records.version_add, name="records_version_add"),
    path(
        "<slug:slug>/documents/<int:pk>/versions/<int:number>/download/",
        records.version_download,
        name="records_version_download",
    ),
    path("<slug:slug>/decisions/", records.decisions, name="records_decisions"),
    path("<slug:slug>/decisions/new/", records.decision_new, name="records_decision_new"),
    # Fit-gap matrix (機能適合分析) and common forms (規定帳票)
    path("<slug:slug>/fit-gap/", fitgap.fitgap_matrix, name="fitgap_matrix"),
    path("<slug:slug>/fit-gap/import/", fitgap.fitgap_import, name="fitgap_import"),
    path(
        "<slug:slug>/fit-gap/functions/<int:pk>/remove/",
        fitgap.fitgap_function_remove,
        name="fitgap_function_remove",
    ),
    path("<slug:slug>/fit-gap/export.csv", fitgap.fitgap_export_csv, name="fitgap_export_csv"),
    path("<slug:slug>/fit-gap/export.xlsx", fitgap.fitgap_export_xlsx, name="fitgap_export_xlsx"),
    path("<slug:slug>/forms/", common_forms.common_forms_page, name="common_forms_page"),
    path("<slug:slug>/forms/add/", common_forms.common_form_add, name="common_forms_add"),
    path("<slug:slug>/forms/<int:pk>/rename/", common_forms.common_form_rename, name="common_forms_rename"),
    path("<slug:slug>/forms/<int:pk>/remove/", common_forms.common_form_remove, name="common_forms_remove"),
    # Vendor evaluation (総合評価型プロポーザル)
    path("<slug:slug>/evaluation/", evaluation.round_list, name="evaluation_list"),
    path("<slug:slug>/evaluation/new/", evaluation.round_new, name="evaluation_new"),
    path("<slug:slug>/evaluation/<int:pk>/", evaluation.round_detail, name="evaluation_round"),
    path("<slug:slug>/evaluation/<int:pk>/setup/", evaluation.round_setup, name="evaluation_setup"),
    path(
        "<slug:slug>/evaluation/<int:pk>/criteria/", evaluation.criterion_add, name="evaluation_criterion_add"
    ),
    path(
        "<slug:slug>/evaluation/<int:pk>/criteria/<int:criterion_pk>/delete/",
        evaluation.criterion_delete,
        name="evaluation_criterion_delete",
    ),
    path("<slug:slug>/evaluation/<int:pk>/vendors/", evaluation.vendor_add, name="evaluation_vendor_add"),
    path("<slug:slug>/evaluation/<int:pk>/bids/", evaluation.bid_save, name="evaluation_bid_save"),
    path(
        "<slug:slug>/evaluation/<int:pk>/vendors/<int:vendor_pk>/score/",
        evaluation.score_form,
        name="evaluation_score",
    ),
    path(
        "<slug:slug>/evaluation/<int:pk>/sheets/<int:evaluator_pk>/",
        evaluation.sheet,
        name="evaluation_sheet",
    ),
    path("<slug:slug>/evaluation/<int:pk>/close/", evaluation.round_close, name="evaluation_close"),
    path("<slug:slug>/evaluation/<int:pk>/results/", evaluation.results, name="evaluation_results"),
    path("<slug:slug>/evaluation/<int:pk>/decision/", evaluation.decision, name="evaluation_decision"),
    path("<slug:slug>/edit/", workspaces.workspace_edit, name="workspace_edit"),
    path("<slug:slug>/members/", members.member_list, name="workspace_members"),
    path("<slug:slug>/members/<int:member_id>/edit/", members.member_edit, name="workspace_member_edit"),
    path(
        "<slug:slug>/members/<int:member_id>/remove/", members.member_remove, name="workspace_member_remove"
    ),
    path("<slug:slug>/secretariat/", members.secretariat, name="workspace_secretariat"),
    path("<slug:slug>/secretariat/join/", members.secretariat_join, name="workspace_secretariat_join"),
    path(
        "<slug:slug>/secretariat/advisors/",
        members.secretariat_add_advisor,
        name="workspace_secretariat_advisor",
    ),
    path(
        "<slug:slug>/secretariat/consultants/",
        members.secretariat_add_consultant,
        name="workspace_secretariat_consultant",
    ),
    path(
        "<slug:slug>/secretariat/<int:row_id>/remove/",
        members.secretariat_remove,
        name="workspace_secretariat_remove",
    ),
    path("<slug:slug>/milestones/", milestones.milestone_list, name="workspace_milestones"),
    path(
        "<slug:slug>/milestones/<int:milestone_id>/edit/",
        milestones.milestone_edit,
        name="workspace_milestone_edit",
    ),
]
