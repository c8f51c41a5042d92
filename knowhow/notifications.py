"""Know-how's kinds of notice and who receives each, sent by a background task.

Services enqueue `notify` inside their transaction; the task decides the recipients when it runs, by
their effective watch level (knowhow.following), never the actor, and only those who may see the post.
A question addressed to municipalities (「この団体に聞く」) and an advisor's invitation to work together
go instead to the active staff of the municipalities concerned (`notify_addressed`, `notify_invitation`).
Storing, muting, mailing and retrying safely are the kernel's (portal.notifications.deliver).
"""

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from knowhow import following, policy
from knowhow.models import JointInvitation, Post, WatchLevel
from portal import access, joint_work, notification_kinds, notifications
from portal.localize import localized
from portal.models import Membership, NotificationOptOut, Role, User
from portal.task_retry import retrying_task

NEW_POST = "knowhow_new_post"
ANSWER = "knowhow_answer"
ACCEPTED = "knowhow_accepted"
COMMENT = "knowhow_comment"
MENTION = "knowhow_mention"
ADDRESSED = "knowhow_addressed_question"
INVITATION = "knowhow_joint_invitation"

# The weakest effective level that still hears of each event.
FLOOR = {
    NEW_POST: WatchLevel.WATCHING,
    ANSWER: WatchLevel.TRACKING,
    ACCEPTED: WatchLevel.TRACKING,
    COMMENT: WatchLevel.TRACKING,
    # Anyone named hears of it unless they muted the post (or everything the post is in).
    MENTION: WatchLevel.NORMAL,
}


def _title(params: dict) -> dict:
    return {"title": params.get("title", "")}


def still_visible(user) -> Q:
    """A know-how notice stays listed while its post is one the reader may open (not a post later
    unpublished or hidden, nor one of a reader who is no longer a member)."""
    return Q(
        content_type=ContentType.objects.get_for_model(Post),
        object_id__in=policy.posts_for(user).values("pk"),
    )


def _invitation_message(params: dict) -> str:
    starter = joint_work.get(params.get("starter", ""))
    return gettext(
        "CIO補佐官から、「%(topic)s」という同じ課題を持つ %(n)s 団体への呼びかけが届きました（%(what)s）。"
    ) % {
        "topic": localized(params.get("topic", ""), params.get("topic_en", "")),
        "n": params.get("count", ""),
        "what": starter.label if starter else gettext("共同での取組"),
    }


KINDS = [
    notification_kinds.NotificationKind(
        slug=NEW_POST,
        label=_("ノウハウ共有：ウォッチしている投稿先への新しい投稿"),
        message=lambda params: gettext("ノウハウ共有に新しい投稿「%(title)s」があります。") % _title(params),
        visible=still_visible,
    ),
    notification_kinds.NotificationKind(
        slug=ANSWER,
        label=_("ノウハウ共有：新しい回答"),
        message=lambda params: gettext("「%(title)s」に回答がありました。") % _title(params),
        visible=still_visible,
    ),
    notification_kinds.NotificationKind(
        slug=ACCEPTED,
        label=_("ノウハウ共有：質問の解決"),
        message=lambda params: gettext("「%(title)s」が解決済みになりました。") % _title(params),
        visible=still_visible,
    ),
    notification_kinds.NotificationKind(
        slug=COMMENT,
        label=_("ノウハウ共有：コメント"),
        message=lambda params: gettext("「%(title)s」にコメントがありました。") % _title(params),
        visible=still_visible,
    ),
    notification_kinds.NotificationKind(
        slug=MENTION,
        label=_("ノウハウ共有：自分あての@メンション"),
        message=lambda params: gettext("「%(title)s」であなたに呼びかけがありました。") % _title(params),
        visible=still_visible,
    ),
    notification_kinds.NotificationKind(
        slug=ADDRESSED,
        label=_("ノウハウ共有：自団体あての質問（この団体に聞く）"),
        message=lambda params: gettext("あなたの団体あてに質問「%(title)s」が届きました。") % _title(params),
        visible=still_visible,
    ),
    notification_kinds.NotificationKind(
        slug=INVITATION, label=_("ノウハウ共有：共同での取組の呼びかけ"), message=_invitation_message
    ),
]


def active_staff_of(municipality_ids) -> list[User]:
    """The active staff of these municipalities now (a moved member belongs to their new one)."""
    wanted = set(municipality_ids)
    people = (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.STAFF,
            memberships__state=Membership.State.ACTIVE,
            memberships__municipality__in=wanted,
        )
        .distinct()
        .order_by("pk")
    )
    return [person for person in people if (own := access.municipality_of(person)) and own.pk in wanted]


def recipients(kind: str, post: Post, actor_id: int | None, mentioned: Sequence[str] = ()) -> list[User]:
    """Who hears of this event on this post: effective level at least the kind's floor, not the actor,
    and only people who may open the post. For MENTION, only the people named by these addresses."""
    levels = following.levels_on(post)
    if kind == MENTION:
        people = User.objects.filter(email__in=mentioned)
        candidates = {person.pk: levels.get(person.pk, WatchLevel.NORMAL) for person in people}
    else:
        candidates = levels
    ids = [
        user_id
        for user_id, level in candidates.items()
        if user_id != actor_id and following.at_least(level, FLOOR[kind])
    ]
    people = User.objects.filter(pk__in=ids, is_active=True).order_by("pk")
    return [person for person in people if access.can(person, "post.view", post)]


@retrying_task()
def notify(
    *,
    kind: str,
    key: str,
    post_id: int,
    actor_id: int | None = None,
    anchor: str = "",
    mentioned: Sequence[str] = (),
) -> int:
    """Store the in-app notice and send the e-mail for one event on a post; returns how many were mailed.

    People the text mentions get the mention instead of the event's own notice: one notice each."""
    post = Post.objects.filter(pk=post_id).first()
    if post is None:
        return 0
    told = recipients(MENTION, post, actor_id, mentioned) if mentioned else []
    # Someone who turned mentions off still hears of the event as they would have without the mention.
    muted = set(NotificationOptOut.objects.filter(kind=MENTION).values_list("user_id", flat=True))
    told = [person for person in told if person.pk not in muted]
    told_ids = {person.pk for person in told}
    others = [person for person in recipients(kind, post, actor_id) if person.pk not in told_ids]
    common = {"params": {"title": post.title}, "url": reverse("knowhow:detail", args=[post.pk]) + anchor}
    mailed = notifications.deliver(kind=MENTION, key=f"{key}:mention", recipients=told, target=post, **common)
    return mailed + notifications.deliver(kind=kind, key=key, recipients=others, target=post, **common)


@retrying_task()
def notify_addressed(*, post_id: int) -> int:
    """Tell the active staff of the municipalities a published question is addressed to (not its author)."""
    post = Post.objects.filter(pk=post_id).first()
    if post is None or not post.is_published:
        return 0
    staff = active_staff_of(post.addressed_to.values_list("pk", flat=True))
    return notifications.deliver(
        kind=ADDRESSED,
        key=f"knowhow-addressed:{post.pk}",
        recipients=[p for p in staff if p.pk != post.author_id and access.can(p, "post.view", post)],
        params={"title": post.title},
        url=reverse("knowhow:detail", args=[post.pk]),
        target=post,
    )


@retrying_task()
def notify_invitation(*, invitation_id: int) -> int:
    """Tell the active staff of the invited municipalities, with the link that starts the joint work."""
    invitation = JointInvitation.objects.select_related("question", "system_area").get(pk=invitation_id)
    topic = invitation.question or invitation.system_area
    municipalities = list(invitation.municipalities.values_list("pk", flat=True))
    return notifications.deliver(
        kind=INVITATION,
        key=f"knowhow-invitation:{invitation.pk}",
        recipients=[p for p in active_staff_of(municipalities) if p.pk != invitation.invited_by_id],
        params={
            "starter": invitation.starter,
            "topic": invitation.question.title if invitation.question else topic.name,
            "topic_en": "" if invitation.question else topic.name_en,
            "count": len(municipalities),
        },
        url=invitation.url,
    )
