"""The watch control on a post page and on a list filtered by one tag or one system area."""

from django import template
from django.urls import reverse

from knowhow import following
from knowhow.models import Tag, WatchLevel
from portal import access
from portal.models import SystemArea

register = template.Library()


def _control(context, *, action: str, watch, effective: str, about: str, slug: str) -> dict:
    return {
        "action": action,
        "levels": WatchLevel.choices,
        "current": watch.level if watch else effective,
        "effective": WatchLevel(effective).label,
        "explicit": watch is not None,
        "about": about,
        "slug": slug,
        "next": context["request"].get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("knowhow/_watch.html", takes_context=True)
def post_watch_control(context, post):
    user = context["user"]
    if not access.can(user, "post.watch", post):
        return {}
    return _control(
        context,
        action=reverse("knowhow:watch_post", args=[post.pk]),
        watch=following.own_watch(user, post=post),
        effective=following.level_of(user, post),
        about="post",
        slug=f"post-{post.pk}",
    )


@register.inclusion_tag("knowhow/_watch.html", takes_context=True)
def topic_watch_control(context):
    """On `/knowhow/?tag=…` (one existing tag) or `?system_area=…`: 「このタグをウォッチ」 and the like."""
    user, query = context["user"], context["request"].GET
    if not access.can(user, "topic.watch"):
        return {}
    tag = Tag.objects.filter(name__iexact=query.get("tag", "").strip()).first() if query.get("tag") else None
    if tag is not None:
        watch = following.own_watch(user, tag=tag)
        return _control(
            context,
            action=reverse("knowhow:watch_tag", args=[tag.pk]),
            watch=watch,
            effective=watch.level if watch else WatchLevel.NORMAL,
            about="tag",
            slug=f"tag-{tag.pk}",
        ) | {"name": tag.name}
    area_id = query.get("system_area", "")
    area = SystemArea.objects.filter(pk=area_id).first() if area_id.isdigit() else None
    if area is not None:
        watch = following.own_watch(user, system_area=area)
        return _control(
            context,
            action=reverse("knowhow:watch_system_area", args=[area.pk]),
            watch=watch,
            effective=watch.level if watch else WatchLevel.NORMAL,
            about="system_area",
            slug=f"area-{area.pk}",
        ) | {"name": str(area)}
    return {}
