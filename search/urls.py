from django.urls import path

from search import similar_views

app_name = "search"

urlpatterns = [
    path("similar", similar_views.similar, name="similar"),
]
