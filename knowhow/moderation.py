"""Moderation, one concern with its own module: readers flag posts, three organisations' flags hide a
post, advisors review the queue, and every decision is logged and told to the author.

The queue is post-moderation: an author's first published post stays visible while it waits for an
advisor's look, so a question gets its answers at once; flags are what hides a post before a review.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowhow import policy
from knowhow.models import Flag, FlagReason, ModerationAction, ModerationKind, Post, PostState
from knowhow.models.moderation import NOTE_MAX
from knowhow.services import (
    KnowhowError,
    as_typed,
    bump_version,
    checked_reason,
    locked_post,
    post_mark_obsolete,
)
from portal import access, notification_kinds, notifications
from portal.models import User
from portal.task_retry import retrying_task

HIDING_ORGANISATIONS = 3
HIDDEN, RESTORED = "knowhow_post_hidden", "knowhow_post_restored"


def _organisations(flags) -> int:
    """How many organisations the flags come from: each municipality, and the prefecture's side
    (advisors, officials, admins: no municipality) as one."""
    return len({flag.municipality_id for flag in flags})


def flag_create(*, actor: User, post_id: int, reason: str, note: str = "") -> Flag:
    """A reader reports a post, once while their report is open; the third organisation hides it."""
    if reason not in FlagReason.values:
        raise KnowhowError(_("通報の理由を選んでください。"))
    note = as_typed(note)
    if len(note) > NOTE_MAX:
        raise KnowhowError(_("補足は500文字以内で入力してください。"))
    with transaction.atomic():
        post = locked_post(post_id)
        access.require(actor, "post.flag", post)
        if Flag.objects.filter(post=post, flagged_by=actor, closed_by__isnull=True).exists():
            raise KnowhowError(_("この投稿はすでに通報しています。CIO補佐官の確認をお待ちください。"))
        try:
            with transaction.atomic():
                flag = Flag.objects.create(
                    post=post,
                    flagged_by=actor,
                    municipality=access.municipality_of(actor),
                    reason=reason,
                    note=note,
                )
        except IntegrityError:
            raise KnowhowError(
                _("この投稿はすでに通報しています。CIO補佐官の確認をお待ちください。")
            ) from None
        if _organisations(post.flags.filter(closed_by__isnull=True)) >= HIDING_ORGANISATIONS:
            post.state = PostState.HIDDEN
            bump_version(post, "state")
            action = ModerationAction.objects.create(post=post, kind=ModerationKind.HIDDEN_BY_FLAGS)
            notify_author.enqueue(action_id=action.pk)
    return flag


DECISIONS = (ModerationKind.CLEARED, ModerationKind.KEPT_HIDDEN, ModerationKind.OBSOLETED)


def moderation_decide(*, actor: User, post_id: int, decision: str, reason: str = "") -> ModerationAction:
    """An advisor's review of a post: 問題なし (restore it), 非公開のままにする (hide it, the reason told to
    the author) or 廃止 (restore it as obsolete, the reason on its banner). It closes the open flags."""
    if decision not in DECISIONS:
        raise KnowhowError(_("操作を選んでください。"))
    required = "" if decision == ModerationKind.CLEARED else _("理由を入力してください。投稿者に伝えます。")
    reason = checked_reason(reason, required)
    with transaction.atomic():
        post = locked_post(post_id)
        access.require(actor, "post.moderate", post)
        was_hidden = post.is_hidden
        post.state = PostState.HIDDEN if decision == ModerationKind.KEPT_HIDDEN else PostState.PUBLISHED
        bump_version(post, "state")
        if decision == ModerationKind.OBSOLETED:
            post_mark_obsolete(post_id=post.pk, actor=actor, note=reason)
        action = ModerationAction.objects.create(post=post, actor=actor, kind=decision, reason=reason)
        post.flags.filter(closed_by__isnull=True).update(closed_by=action)
        if was_hidden != post.is_hidden:
            notify_author.enqueue(action_id=action.pk)
    return action


# --- What the queue and the post show -------------------------------------------------------------


def _first_of_its_author():
    earlier = Post.objects.filter(
        author=OuterRef("author"), published_at__isnull=False, published_at__lt=OuterRef("published_at")
    )
    return ~Exists(earlier)


def queue(user) -> QuerySet[Post]:
    """What waits for an advisor: posts with open flags, hidden posts, and first posts of new authors
    that no advisor has reviewed yet; flagged and hidden first, then the oldest first."""
    access.require(user, "moderation.queue")
    open_flags = Flag.objects.filter(post=OuterRef("pk"), closed_by__isnull=True)
    reviewed = ModerationAction.objects.filter(post=OuterRef("pk")).exclude(
        kind=ModerationKind.HIDDEN_BY_FLAGS
    )
    flags = Prefetch(
        "flags",
        queryset=Flag.objects.filter(closed_by__isnull=True).select_related("flagged_by", "municipality"),
        to_attr="open_flags",
    )
    return (
        policy.posts_for(user)
        .filter(state__in=[PostState.PUBLISHED, PostState.HIDDEN])
        .annotate(flagged=Exists(open_flags), first_post=_first_of_its_author(), reviewed=Exists(reviewed))
        .filter(
            Q(flagged=True) | Q(state=PostState.HIDDEN, reviewed=False) | Q(first_post=True, reviewed=False)
        )
        .select_related("author", "municipality")
        .prefetch_related(flags)
        .order_by("-flagged", "published_at", "pk")
    )


def log(post: Post) -> QuerySet[ModerationAction]:
    return post.moderation_actions.select_related("actor")


def open_flags(post: Post) -> QuerySet[Flag]:
    return post.flags.filter(closed_by__isnull=True).select_related("flagged_by", "municipality")


def flagged_by(post: Post, user) -> bool:
    return post.flags.filter(flagged_by=user, closed_by__isnull=True).exists()


# --- Telling the author -----------------------------------------------------------------------------


def _hidden_message(params: dict) -> str:
    return _("あなたの投稿「%(title)s」は、CIO補佐官の確認まで非公開になりました。") % {
        "title": params.get("title", "")
    }


def _restored_message(params: dict) -> str:
    return _("あなたの投稿「%(title)s」は、CIO補佐官の確認の結果、再び公開されました。") % {
        "title": params.get("title", "")
    }


def _still_visible(user) -> Q:
    """A notice about a post stays listed while the reader may open the post."""
    return Q(content_type__isnull=True) | Q(
        content_type=ContentType.objects.get_for_model(Post),
        object_id__in=policy.posts_for(user).values("pk"),
    )


KINDS = [
    notification_kinds.NotificationKind(
        slug=HIDDEN,
        label=gettext_lazy("ノウハウ投稿が非公開になった"),
        message=_hidden_message,
        visible=_still_visible,
    ),
    notification_kinds.NotificationKind(
        slug=RESTORED,
        label=gettext_lazy("ノウハウ投稿が再び公開された"),
        message=_restored_message,
        visible=_still_visible,
    ),
]


@retrying_task()
def notify_author(*, action_id: int) -> int:
    """Tell the author that their post was hidden or restored (the reason is on the post's log)."""
    action = ModerationAction.objects.select_related("post__author").get(pk=action_id)
    post = action.post
    kind = RESTORED if action.kind in (ModerationKind.CLEARED, ModerationKind.OBSOLETED) else HIDDEN
    return notifications.deliver(
        kind=kind,
        key=f"knowhow-moderation:{action.pk}",
        recipients=[post.author],
        params={"title": post.title},
        url=reverse("knowhow:detail", args=[post.pk]),
        target=post,
    )
