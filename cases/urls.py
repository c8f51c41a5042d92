"""/cases/...: the portal's own views. Case pages themselves (/cases/<slug>/) are served by Wagtail,
so these paths are reserved words for case slugs."""

from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("stale/", views.stale_list, name="stale"),
    path("compare/", views.compare, name="compare"),
    path("compare/update/", views.compare_update, name="compare_update"),
    path("like-mine/", views.like_mine, name="like_mine"),
    path("adoption/", views.adoption, name="adoption"),
    path("typology/", views.typology, name="typology"),
    path("readiness/", views.readiness_view, name="readiness"),
    path("readiness/<int:pk>/", views.readiness_detail, name="readiness_detail"),
]
