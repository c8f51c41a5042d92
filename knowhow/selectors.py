"""Reusable reads of the know-how exchange, over querysets already limited by knowhow.policy."""

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Prefetch, QuerySet, Sum, Value, When

from knowhow import policy
from knowhow.models import Answer, Comment, Helpful, Post, SameProblem


def for_listing(posts: QuerySet[Post]) -> QuerySet[Post]:
    """A list's rows with what they show, in a fixed number of queries whatever the page's length."""
    return (
        posts.select_related("author", "municipality")
        .prefetch_related("tags", "system_areas")
        .annotate(
            answer_count=Count("answers", distinct=True),
            helpful_count=Count("helpful", distinct=True),
        )
    )


def _marked_by(user, **target):
    return Exists(Helpful.objects.filter(user=user, **target))


def answers(post: Post, user) -> list[Answer]:
    """The answers of a post, the accepted one first, each with its helpful count and comments."""
    comments = Prefetch("comments", queryset=Comment.objects.select_related("author", "municipality"))
    return list(
        post.answers.select_related("author", "municipality", "verified_by")
        .prefetch_related(comments, "attachments")
        .annotate(
            helpful_count=Count("helpful", distinct=True),
            marked_helpful=_marked_by(user, answer=OuterRef("pk")),
            is_accepted=Case(
                When(pk=post.accepted_answer_id or 0, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-is_accepted", "created_at", "pk")
    )


def post_comments(post: Post) -> QuerySet[Comment]:
    return post.comments.select_related("author", "municipality")


def helpful_count(post: Post) -> int:
    return Helpful.objects.filter(post=post).count()


def marked_helpful(post: Post, user) -> bool:
    return Helpful.objects.filter(post=post, user=user).exists()


def same_problem_count(post: Post) -> int:
    """How many municipalities said 「うちも同じ」."""
    return SameProblem.objects.filter(post=post).count()


def same_problem_marked(post: Post, municipality) -> bool:
    return (
        municipality is not None and SameProblem.objects.filter(post=post, municipality=municipality).exists()
    )


def derived_versions(post: Post, user) -> QuerySet[Post]:
    """The municipalities' own versions of a template that the user may open, with their files' downloads."""
    return (
        policy.published_posts_for(user)
        .filter(derived_from=post)
        .select_related("author", "municipality")
        .annotate(downloads=Sum("attachments__download_count"))
        .order_by("published_at", "pk")
    )
