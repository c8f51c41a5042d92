from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_new, name="new"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/settings/", views.survey_settings, name="settings"),
    path("<int:pk>/questions/add/", views.question_add, name="question_add"),
    path("<int:pk>/questions/<int:qpk>/edit/", views.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:qpk>/move/", views.question_move, name="question_move"),
    path("<int:pk>/questions/<int:qpk>/delete/", views.question_delete, name="question_delete"),
    path("<int:pk>/open/", views.survey_open, name="open"),
    path("<int:pk>/close/", views.survey_close, name="close"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/results/", views.results_page, name="results"),
    path("<int:pk>/results.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/results.xlsx", views.export_xlsx, name="export_xlsx"),
    path("responses/<int:rpk>/", views.response_detail, name="response"),
    path("responses/<int:rpk>/reopen/", views.response_reopen, name="reopen"),
    path("responses/<int:rpk>/inventory/", views.response_inventory, name="inventory"),
    path("files/<int:fpk>/", views.download, name="download"),
]
