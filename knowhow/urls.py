from django.urls import path

from knowhow.views import following, library, moderation, posts, shared

app_name = "knowhow"

urlpatterns = [
    path("", posts.post_list, name="list"),
    path("new/", posts.new, name="new"),
    path("drafts/", posts.drafts, name="drafts"),
    path("moderation/", moderation.queue, name="moderation"),
    path("<int:pk>/", posts.detail, name="detail"),
    path("<int:pk>/edit/", posts.edit, name="edit"),
    path("<int:pk>/revisions/", posts.revisions, name="revisions"),
    path("<int:pk>/publish/", posts.publish, name="publish"),
    path("<int:pk>/obsolete/", posts.mark_obsolete, name="obsolete"),
    path("<int:pk>/verify/", posts.verify, name="verify"),
    path("<int:pk>/helpful/", posts.helpful, name="helpful"),
    path("<int:pk>/same-problem/", posts.same_problem, name="same_problem"),
    path("<int:pk>/answers/", posts.answer, name="answer"),
    path("<int:pk>/comments/", posts.comment, name="comment"),
    path("answers/<int:pk>/accept/", posts.accept, name="accept"),
    path("answers/<int:pk>/helpful/", posts.answer_helpful, name="answer_helpful"),
    path("answers/<int:pk>/verify/", posts.answer_verify, name="answer_verify"),
    path("answers/<int:pk>/comments/", posts.answer_comment, name="answer_comment"),
    path("<int:pk>/flag/", moderation.flag, name="flag"),
    path("<int:pk>/moderate/", moderation.decide, name="moderate"),
    path("following/", following.following, name="following"),
    path("following/digest/", following.digest, name="digest"),
    path("<int:pk>/watch/", following.watch_post, name="watch_post"),
    path("tags/<int:pk>/watch/", following.watch_tag, name="watch_tag"),
    path("system-areas/<int:pk>/watch/", following.watch_system_area, name="watch_system_area"),
    path("files/<int:pk>/", library.download, name="download"),
    path("<int:pk>/sources/", library.source_add, name="source_add"),
    path("sources/<int:pk>/remove/", library.source_remove, name="source_remove"),
    path("review/", library.review_queue, name="review"),
    path("<int:pk>/checked/", library.mark_checked, name="mark_checked"),
    path("<int:pk>/derive/", library.derive, name="derive"),
    path("shared-problems/", shared.shared_problems_list, name="shared_problems"),
    path("shared-problems/questions/<int:pk>/invite/", shared.invite_question, name="invite_question"),
    path("shared-problems/system-areas/<int:pk>/invite/", shared.invite_area, name="invite_area"),
    path("ask/<slug:source>/<int:pk>/", shared.ask, name="ask"),
]
