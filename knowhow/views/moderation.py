"""Moderation's pages: a reader's flag on a post, the advisors' queue, and an advisor's decision on a
post (made on the post's own page, where the advisor reads what they decide on)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from knowhow import forms, moderation
from knowhow.models import ModerationKind
from knowhow.views.posts import back, post_or_404, render_detail
from portal import access


@login_required
@require_POST
def flag(request, pk: int):
    post = post_or_404(request, pk, "post.flag")
    form = forms.FlagForm(request.POST, prefix="flag")
    if form.is_valid():
        try:
            moderation.flag_create(
                actor=request.user,
                post_id=post.pk,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("通報しました。CIO補佐官が確認します。"))
            return back(post)
    return render_detail(request, post, flag_form=form)


DONE = {
    ModerationKind.CLEARED: gettext_lazy("問題なしとして、投稿を公開しました。"),
    ModerationKind.KEPT_HIDDEN: gettext_lazy("投稿を非公開にしました。理由は投稿者に伝えます。"),
    ModerationKind.OBSOLETED: gettext_lazy("投稿を廃止にして公開しました。"),
}


@login_required
@require_POST
def decide(request, pk: int):
    post = post_or_404(request, pk, "post.moderate")
    form = forms.ModerationForm(request.POST, prefix="moderation")
    if form.is_valid():
        try:
            action = moderation.moderation_decide(
                actor=request.user,
                post_id=post.pk,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, str(DONE[action.kind]))
            return back(post, "#moderation")
    return render_detail(request, post, moderation_form=form)


@login_required
@require_GET
def queue(request):
    access.require_or_404(request.user, "moderation.queue")
    return render(request, "knowhow/moderation_queue.html", {"posts": moderation.queue(request.user)})
