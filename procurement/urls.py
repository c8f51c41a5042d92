from django.urls import path

from procurement.views import workspaces

app_name = "procurement"

urlpatterns = [
    path("", workspaces.workspace_list, name="list"),
    path("<slug:slug>/", workspaces.workspace_detail, name="detail"),
]
