"""Following posts, tags and system areas: the levels and how they combine (the writes that set them are
in knowhow.services).

What each level brings about a post (a level on a tag or a system area applies to every post in it):
- ウォッチ: a notice of the new post itself, and of every answer, comment and accepted answer on it;
- 追跡: answers, comments and the accepted answer (not new posts);
- 通常: nothing, except on one's own posts and the questions one answered, which one 追跡s by default;
- ミュート: nothing at all, even on one's own posts, when set on the post itself.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q

from knowhow.models import Post, Watch, WatchLevel
from portal.models import User

_RANK = {WatchLevel.MUTED: 0, WatchLevel.NORMAL: 1, WatchLevel.TRACKING: 2, WatchLevel.WATCHING: 3}


def effective_level(*, on_post: str | None, on_topics: Iterable[str] = (), participant: bool = False) -> str:
    """One person's level on one post, from their level on the post itself (or None), their levels on
    the post's tags and system areas, and whether they wrote the post or answered it.

    The most specific wins: a level on the post overrides its tags and areas, and ミュート on the post
    always wins. Among several tags and areas the strongest level counts, ミュート only if all are
    muted. Writing or answering a post means 追跡 at least, unless the post itself is muted."""
    if on_post == WatchLevel.MUTED:
        return WatchLevel.MUTED
    if on_post is not None:
        level = WatchLevel(on_post)
    else:
        topics = [WatchLevel(level) for level in on_topics]
        heard = [level for level in topics if level != WatchLevel.MUTED]
        if heard:
            level = max(heard, key=_RANK.__getitem__)
        else:
            level = WatchLevel.MUTED if topics else WatchLevel.NORMAL
    if participant and _RANK[level] < _RANK[WatchLevel.TRACKING]:
        return WatchLevel.TRACKING
    return level


def at_least(level: str, floor: str) -> bool:
    return _RANK[WatchLevel(level)] >= _RANK[WatchLevel(floor)]


def _topic_filter(post: Post) -> Q:
    return Q(post=post) | Q(tag__in=post.tags.all()) | Q(system_area__in=post.system_areas.all())


def levels_on(post: Post) -> dict[int, str]:
    """Everyone with a say about the post (a watch on it, its tags or its areas; its author and
    answerers), each with their effective level."""
    on_post: dict[int, str] = {}
    on_topics: dict[int, list[str]] = defaultdict(list)
    for user_id, post_id, level in Watch.objects.filter(_topic_filter(post)).values_list(
        "user_id", "post_id", "level"
    ):
        if post_id is not None:
            on_post[user_id] = level
        else:
            on_topics[user_id].append(level)
    participants = {post.author_id, *post.answers.values_list("author_id", flat=True)}
    people = set(on_post) | set(on_topics) | participants
    return {
        user_id: effective_level(
            on_post=on_post.get(user_id), on_topics=on_topics[user_id], participant=user_id in participants
        )
        for user_id in people
    }


def level_of(user: User, post: Post) -> str:
    return levels_on(post).get(user.pk, WatchLevel.NORMAL)


def own_watch(user: User, *, post=None, tag=None, system_area=None) -> Watch | None:
    """The user's own watch row on one target (None: they set nothing there)."""
    return Watch.objects.filter(user=user, post=post, tag=tag, system_area=system_area).first()
