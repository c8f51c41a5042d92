"""The know-how exchange's pages: the list, writing and editing a post, a post with its answers and
comments, its revisions, the author's drafts, and the actions on a post (POST only).

Every URL needs a signed-in active member; a post outside the user's scope (another's draft) answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from knowhow import diff, faq, forms, freshness, moderation, policy, selectors, services
from knowhow.filters import PostFilter
from knowhow.masking import counts_for_display
from knowhow.models import Kind, Post
from knowhow.models.faq import LAPSES_ON_CHANGE
from portal import access
from portal.feedback import flash_errors
from portal.models import Municipality

PAGE_SIZE = 20


def post_or_404(request, pk: int, action: str = "post.view"):
    """The post if the user may open it and do `action` on it; 404 otherwise (every know-how view)."""
    post = get_object_or_404(policy.posts_for(request.user).select_related("author", "municipality"), pk=pk)
    access.require_or_404(request.user, action, post)
    return post


def _answer_or_404(request, pk: int):
    return get_object_or_404(policy.answers_for(request.user).select_related("post"), pk=pk)


def back(post, anchor=""):
    """Back to the post's page (at `anchor`), where every action on a post is pressed."""
    return redirect(reverse("knowhow:detail", args=[post.pk]) + anchor)


@login_required
@require_GET
def post_list(request):
    access.require_or_404(request.user, "post.list")
    post_filter = PostFilter(request.GET or None, queryset=policy.published_posts_for(request.user))
    page = Paginator(selectors.for_listing(post_filter.qs), PAGE_SIZE).get_page(request.GET.get("page"))
    if access.can(request.user, "post.review_queue"):
        due = set(
            freshness.due(Post.objects.filter(pk__in=[post.pk for post in page])).values_list("pk", flat=True)
        )
        for post in page:
            post.review_due = post.pk in due
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "knowhow/list.html",
        {
            "form": post_filter.form,
            "page": page,
            "query": query.urlencode(),
            "may_create": access.can(request.user, "post.create"),
            "may_review": access.can(request.user, "post.review_queue"),
            "may_view_shared": access.can(request.user, "shared_problems.view"),
        },
    )


@login_required
@require_GET
def drafts(request):
    access.require_or_404(request.user, "post.create")
    return render(
        request,
        "knowhow/drafts.html",
        {"posts": selectors.for_listing(policy.drafts_for(request.user)).order_by("-updated_at", "-pk")},
    )


def _post_values(data) -> dict:
    return {
        "kind": data["kind"],
        "template_kind": data["template_kind"],
        "title": data["title"],
        "body": data["body"],
        "tags": data["tags"],
        "system_areas": data["system_areas"],
        "anonymous": data["anonymous"],
        "uploads": data["attachments"],
        "version_note": data["version_note"],
        "review_months": data["review_months"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    access.require_or_404(request.user, "post.create")
    initial = {"kind": Kind.QUESTION if request.GET.get("kind") not in Kind.values else request.GET["kind"]}
    form = forms.PostForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        publish = request.POST.get("action") != "draft"
        try:
            post = services.post_create(
                actor=request.user,
                publish=publish,
                client_token=form.cleaned_data["client_token"],
                **_post_values(form.cleaned_data),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("投稿を公開しました。") if post.is_published else _("下書きを保存しました。")
            )
            return back(post)
    return render(request, "knowhow/edit.html", {"form": form, "post": None})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    post = post_or_404(request, pk, "post.edit")
    initial = {
        "kind": post.kind,
        "template_kind": post.template_kind,
        "title": post.title,
        "body": post.body,
        "tags": [tag.name for tag in post.tags.all()],
        "system_areas": list(post.system_areas.all()),
        "anonymous": post.anonymous,
        "review_months": post.review_months,
        "version": post.version,
    }
    form = forms.EditPostForm(request.POST or None, request.FILES or None, initial=initial, post=post)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.post_update(
                post_id=post.pk,
                actor=request.user,
                expected_version=data["version"],
                **_post_values({**data, "kind": data.get("kind", post.kind)}),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("投稿を更新しました。"))
            return back(post)
    return render(
        request,
        "knowhow/edit.html",
        {"form": form, "post": post, "consent_lapses": consent_lapses_on_change(post)},
    )


def consent_lapses_on_change(post) -> bool:
    """Whether editing the post, adding a file or a source, makes its FAQ consent lapse (the page says so)."""
    faq_record = policy.faq_of(post)
    return faq_record is not None and faq_record.consent in LAPSES_ON_CHANGE


def render_detail(
    request,
    post,
    *,
    answer_form=None,
    comment_form=None,
    answer_comment_form=None,
    flag_form=None,
    moderation_form=None,
    source_form=None,
    refuse_form=None,
    withdraw_form=None,
    status=200,
):
    """The post's page; a form of an action that failed is passed in bound, to show what is wrong."""
    user = request.user
    answers = selectors.answers(post, user)
    may_comment = access.can(user, "post.comment", post)
    for answer in answers:
        bound = (
            answer_comment_form
            if answer_comment_form and answer_comment_form.answer_id == answer.pk
            else None
        )
        answer.comment_form = bound or (
            forms.CommentForm(prefix=f"answer{answer.pk}") if may_comment else None
        )
    may_answer = access.can(user, "post.answer", post)
    own = access.municipality_of(user)
    post.review_due = access.can(user, "post.review_queue") and freshness.is_due(post)
    may_cite = access.can(user, "post.cite", post)
    context = {
        "post": post,
        "answers": answers,
        "comments": selectors.post_comments(post),
        "tags": post.tags.all(),
        "system_areas": post.system_areas.all(),
        "helpful_count": selectors.helpful_count(post),
        "marked_helpful": selectors.marked_helpful(post, user),
        "same_problem_count": selectors.same_problem_count(post),
        "same_problem_marked": selectors.same_problem_marked(post, own),
        "own_municipality": own,
        "has_revisions": access.can(user, "post.view_revisions", post) and post.revisions.exists(),
        "answer_form": answer_form or (forms.AnswerForm(prefix="answer") if may_answer else None),
        "comment_form": comment_form or (forms.CommentForm(prefix="comment") if may_comment else None),
        "obsolete_form": forms.ObsoleteForm(prefix="obsolete"),
        "flagged": moderation.flagged_by(post, user),
        "flag_form": flag_form or forms.FlagForm(prefix="flag"),
        "moderation_form": moderation_form or forms.ModerationForm(prefix="moderation"),
        "attachments": post.attachments.all(),
        "sources": post.sources.all(),
        "source_form": source_form or (forms.SourceForm(prefix="source") if may_cite else None),
        "consent_lapses": may_cite and consent_lapses_on_change(post),
        "origin": policy.posts_for(user).filter(pk=post.derived_from_id).first()
        if post.derived_from_id
        else None,
        "derived": selectors.derived_versions(post, user),
        "addressed_to": list(Municipality.in_display_order(post.addressed_to.all())),
        "asked_from": services.asked_from(post),
    }
    faq_record = policy.faq_of(post)
    if faq_record is not None:
        context["faq"] = faq_record
        context["faq_views"] = faq.view_count(faq_record)
        if access.can(user, "faq.view_consent", post):
            context["consent_history"] = faq.history(faq_record)
            context["masked"] = counts_for_display(faq_record.masked)
        context["refuse_form"] = refuse_form or forms.ConsentReasonForm(prefix="refuse")
        context["withdraw_form"] = withdraw_form or forms.ConsentReasonForm(prefix="withdraw")
    if access.can(user, "post.view_moderation_log", post):
        context["moderation_log"] = moderation.log(post)
    if access.can(user, "post.moderate", post):
        context["open_flags"] = moderation.open_flags(post)
    return render(request, "knowhow/detail.html", context, status=status)


@login_required
@require_GET
def detail(request, pk: int):
    post = post_or_404(request, pk)
    faq.faq_viewed(post=post, user=request.user)
    return render_detail(request, post)


@login_required
@require_GET
def revisions(request, pk: int):
    post = post_or_404(request, pk, "post.view_revisions")
    history = post.revisions.select_related("edited_by")
    return render(request, "knowhow/revisions.html", {"post": post, "changes": diff.changes(post, history)})


@login_required
@require_POST
def publish(request, pk: int):
    post = post_or_404(request, pk, "post.publish")
    services.post_publish(post_id=post.pk, actor=request.user)
    messages.success(request, _("投稿を公開しました。"))
    return back(post)


@login_required
@require_POST
def mark_obsolete(request, pk: int):
    post = post_or_404(request, pk, "post.mark_obsolete")
    form = forms.ObsoleteForm(request.POST, prefix="obsolete")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return back(post, "#obsolete")
    services.post_mark_obsolete(post_id=post.pk, actor=request.user, note=form.cleaned_data["note"])
    messages.success(request, _("この投稿を廃止にしました。投稿は残り、廃止と表示されます。"))
    return back(post)


@login_required
@require_POST
def verify(request, pk: int):
    post = post_or_404(request, pk, "post.verify")
    services.post_verify(post_id=post.pk, actor=request.user)
    messages.success(request, _("「CIO補佐官確認済」にしました。"))
    return back(post)


@login_required
@require_POST
def helpful(request, pk: int):
    post = post_or_404(request, pk, "post.mark_helpful")
    try:
        services.helpful_mark(actor=request.user, post_id=post.pk)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("「役に立った」を付けました。"))
    return back(post)


@login_required
@require_POST
def same_problem(request, pk: int):
    post = post_or_404(request, pk, "post.mark_same_problem")
    try:
        services.same_problem_mark(actor=request.user, post_id=post.pk)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("「うちも同じ」を付けました。"))
    return back(post)


@login_required
@require_POST
def answer(request, pk: int):
    post = post_or_404(request, pk, "post.answer")
    form = forms.AnswerForm(request.POST, request.FILES, prefix="answer")
    if form.is_valid():
        try:
            created = services.answer_create(
                post_id=post.pk,
                actor=request.user,
                body=form.cleaned_data["body"],
                anonymous=form.cleaned_data["anonymous"],
                client_token=form.cleaned_data["client_token"],
                uploads=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("回答を投稿しました。"))
            return back(post, f"#answer-{created.pk}")
    return render_detail(request, post, answer_form=form)


@login_required
@require_POST
def comment(request, pk: int):
    post = post_or_404(request, pk, "post.comment")
    form = forms.CommentForm(request.POST, prefix="comment")
    if form.is_valid():
        services.comment_create(
            actor=request.user,
            post_id=post.pk,
            body=form.cleaned_data["body"],
            anonymous=form.cleaned_data["anonymous"],
        )
        messages.success(request, _("コメントを投稿しました。"))
        return back(post, "#comments")
    return render_detail(request, post, comment_form=form)


@login_required
@require_POST
def answer_comment(request, pk: int):
    target = _answer_or_404(request, pk)
    access.require_or_404(request.user, "post.comment", target.post)
    form = forms.CommentForm(request.POST, prefix=f"answer{target.pk}")
    if form.is_valid():
        services.comment_create(
            actor=request.user,
            answer_id=target.pk,
            body=form.cleaned_data["body"],
            anonymous=form.cleaned_data["anonymous"],
        )
        messages.success(request, _("コメントを投稿しました。"))
        return back(target.post, f"#answer-{target.pk}")
    form.answer_id = target.pk
    return render_detail(request, target.post, answer_comment_form=form)


@login_required
@require_POST
def accept(request, pk: int):
    target = _answer_or_404(request, pk)
    access.require_or_404(request.user, "answer.accept", target)
    services.answer_accept(answer_id=target.pk, actor=request.user)
    messages.success(request, _("この回答で解決済みにしました。"))
    return back(target.post, f"#answer-{target.pk}")


@login_required
@require_POST
def answer_helpful(request, pk: int):
    target = _answer_or_404(request, pk)
    access.require_or_404(request.user, "answer.mark_helpful", target)
    try:
        services.helpful_mark(actor=request.user, answer_id=target.pk)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("「役に立った」を付けました。"))
    return back(target.post, f"#answer-{target.pk}")


@login_required
@require_POST
def answer_verify(request, pk: int):
    target = _answer_or_404(request, pk)
    access.require_or_404(request.user, "answer.verify", target)
    services.answer_verify(answer_id=target.pk, actor=request.user)
    messages.success(request, _("回答を「CIO補佐官確認済」にしました。"))
    return back(target.post, f"#answer-{target.pk}")
