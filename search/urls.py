from django.urls import path

from search import similar_views, views

app_name = "search"

urlpatterns = [
    path("", views.results, name="results"),
    path("suggest", views.suggest, name="suggest"),
    path("similar", similar_views.similar, name="similar"),
    path("zero-results/", views.zero_result_list, name="zero_results"),
]
