"""What a post rests on and how fresh it is: downloading its files (and its answers'), citing sources,
the advisors' review queue of 「要確認」 posts with 「確認した」, and 「自団体版を作る」 from a template.

Files are looked up through what the user may read, so a file outside scope answers 404 like its post.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from knowhow import files, forms, freshness, policy, services
from knowhow.models import Source
from knowhow.views.posts import post_or_404, render_detail
from portal import access
from portal.feedback import flash_errors
from portal.uploads import storage


@login_required
@require_GET
@never_cache
def download(request, pk: int):
    attachment = get_object_or_404(policy.attachments_for(request.user), pk=pk)
    access.require_or_404(request.user, "post_file.download", attachment)
    response = storage.download(
        files.private_storage(),
        stored_name=attachment.stored_name,
        name=attachment.name,
        content_type=attachment.content_type,
    )
    services.attachment_download(attachment_id=attachment.pk, actor=request.user)
    return response


@login_required
@require_POST
def source_add(request, pk: int):
    post = post_or_404(request, pk, "post.cite")
    form = forms.SourceForm(request.POST, prefix="source")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.source_add(
                post_id=post.pk,
                actor=request.user,
                kind=data["kind"],
                title=data["title"],
                number=data["number"],
                issued_on=data["issued_on"],
                url=data["url"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("根拠を追加しました。"))
            return redirect(reverse("knowhow:detail", args=[post.pk]) + "#sources")
    return render_detail(request, post, source_form=form)


@login_required
@require_POST
def source_remove(request, pk: int):
    source = get_object_or_404(Source.objects.filter(post__in=policy.posts_for(request.user)), pk=pk)
    access.require_or_404(request.user, "post.cite", source.post)
    services.source_remove(source_id=source.pk, actor=request.user)
    messages.success(request, _("根拠を削除しました。"))
    return redirect(reverse("knowhow:detail", args=[source.post_id]) + "#sources")


@login_required
@require_GET
def review_queue(request):
    access.require_or_404(request.user, "post.review_queue")
    posts = list(
        freshness.due(policy.published_posts_for(request.user)).select_related("author", "municipality")
    )
    for post in posts:
        post.review_reason = freshness.reason(post)
    return render(request, "knowhow/review.html", {"posts": posts})


@login_required
@require_POST
def mark_checked(request, pk: int):
    post = post_or_404(request, pk, "post.mark_checked")
    try:
        services.post_mark_checked(post_id=post.pk, actor=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, _("「%(title)s」を確認済みにしました（最終確認日：今日）。") % {"title": post.title}
        )
    if request.POST.get("next") == "review":
        return redirect("knowhow:review")
    return redirect("knowhow:detail", post.pk)


@login_required
@require_POST
def derive(request, pk: int):
    origin = post_or_404(request, pk, "post.derive")
    copy = services.post_derive(post_id=origin.pk, actor=request.user)
    messages.success(request, _("自団体版の下書きを作りました。自団体に合わせて直してから公開してください。"))
    return redirect("knowhow:edit", copy.pk)
