from django.urls import path

from procurement.views import evaluation, workspaces

app_name = "procurement"

urlpatterns = [
    path("", workspaces.workspace_list, name="list"),
    path("<slug:slug>/", workspaces.workspace_detail, name="detail"),
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
]
