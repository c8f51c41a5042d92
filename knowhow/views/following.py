"""Following: the watch control's actions on a post, a tag or a system area, and /knowhow/following/
(what I follow, with a way to change or stop, and the weekly digest's opt-in). Actions are POST only
and come back to the page they were sent from."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from knowhow import policy, services
from knowhow.models import DigestSubscription, Tag, Watch, WatchLevel
from portal import access
from portal.models import SystemArea


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return redirect(target)


def _apply(request, fallback: str, **target):
    """Set the level chosen, or stop following (the 「解除」 button), then go back."""
    try:
        if request.POST.get("action") == "stop":
            services.watch_stop(actor=request.user, **target)
            messages.success(request, _("通知の設定を解除しました。"))
        else:
            watch = services.watch_set(actor=request.user, level=request.POST.get("level", ""), **target)
            messages.success(
                request, _("通知のレベルを「%(level)s」にしました。") % {"level": watch.get_level_display()}
            )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return _back(request, fallback)


@login_required
@require_POST
def watch_post(request, pk: int):
    post = get_object_or_404(policy.posts_for(request.user), pk=pk)
    access.require_or_404(request.user, "post.watch", post)
    return _apply(request, reverse("knowhow:detail", args=[post.pk]), post_id=post.pk)


@login_required
@require_POST
def watch_tag(request, pk: int):
    access.require_or_404(request.user, "topic.watch")
    tag = get_object_or_404(Tag, pk=pk)
    return _apply(request, reverse("knowhow:list") + "?tag=" + tag.name, tag_id=tag.pk)


@login_required
@require_POST
def watch_system_area(request, pk: int):
    access.require_or_404(request.user, "topic.watch")
    area = get_object_or_404(SystemArea, pk=pk)
    return _apply(request, reverse("knowhow:list") + f"?system_area={area.pk}", system_area_id=area.pk)


@login_required
@require_GET
def following(request):
    access.require_or_404(request.user, "following.view")
    watches = Watch.objects.filter(user=request.user).select_related("post", "tag", "system_area")
    return render(
        request,
        "knowhow/following.html",
        {
            # A watched post the reader may no longer open (taken back to draft, hidden) is not listed.
            "posts": watches.filter(post__in=policy.posts_for(request.user)).order_by("-updated_at"),
            "tags": watches.filter(tag__isnull=False).order_by("tag__name"),
            "system_areas": watches.filter(system_area__isnull=False).order_by("system_area__order"),
            "levels": WatchLevel.choices,
            "subscribed": DigestSubscription.objects.filter(user=request.user).exists(),
        },
    )


@login_required
@require_POST
def digest(request):
    access.require_or_404(request.user, "following.view")
    subscribed = request.POST.get("subscribed") == "on"
    services.digest_subscription_set(actor=request.user, subscribed=subscribed)
    messages.success(
        request,
        _("週間ダイジェストを受け取る設定にしました。")
        if subscribed
        else _("週間ダイジェストを受け取らない設定にしました。"),
    )
    return redirect("knowhow:following")
