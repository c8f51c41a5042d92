from django.urls import path

from knowhow import views

app_name = "knowhow"

urlpatterns = [
    path("", views.post_list, name="list"),
    path("new/", views.new, name="new"),
    path("drafts/", views.drafts, name="drafts"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/revisions/", views.revisions, name="revisions"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/obsolete/", views.mark_obsolete, name="obsolete"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("<int:pk>/helpful/", views.helpful, name="helpful"),
    path("<int:pk>/same-problem/", views.same_problem, name="same_problem"),
    path("<int:pk>/answers/", views.answer, name="answer"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("answers/<int:pk>/accept/", views.accept, name="accept"),
    path("answers/<int:pk>/helpful/", views.answer_helpful, name="answer_helpful"),
    path("answers/<int:pk>/verify/", views.answer_verify, name="answer_verify"),
    path("answers/<int:pk>/comments/", views.answer_comment, name="answer_comment"),
]
