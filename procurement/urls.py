from django.urls import path

from procurement.views import common_forms, fitgap, workspaces

app_name = "procurement"

urlpatterns = [
    path("", workspaces.workspace_list, name="list"),
    path("<slug:slug>/", workspaces.workspace_detail, name="detail"),
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
]
