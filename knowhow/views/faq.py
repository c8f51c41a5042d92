"""FAQ pages: the masked draft made from a consultation (advisors), and the consent actions on a FAQ
(asking, consenting, refusing and withdrawing, POST only, on the FAQ's own page). A second click on a
FAQ already where the click would take it goes back to the FAQ with a note, nothing written twice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from knowhow import faq, forms, policy
from knowhow.masking import counts_for_display
from knowhow.models import ConsentState
from knowhow.views.posts import back, post_or_404, render_detail
from portal import access, material
from portal.feedback import flash_errors


@login_required
@require_http_methods(["GET", "POST"])
def new(request, source: str, pk: int):
    """「FAQとして公開」 on a settled consultation: the masked draft to edit, or the FAQ already made."""
    matter = material.get(source, pk)
    access.require_or_404(request.user, "faq.create", matter)
    made = faq.faq_made_from(source, pk)
    if made is not None:
        messages.info(request, _("この相談からはFAQがすでに作られています。"))
        return back(made.post)
    draft = faq.draft_from(matter)
    form = forms.FaqForm(
        request.POST or None,
        initial={"title": draft.title, "body": draft.body, "system_areas": list(matter.system_areas)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = faq.faq_create(
                actor=request.user,
                source=source,
                source_pk=pk,
                title=data["title"],
                body=data["body"],
                tags=data["tags"],
                system_areas=data["system_areas"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "FAQの下書きを保存しました。内容を確かめてから、%(owner)sに公開への同意を依頼してください。"
                )
                % {"owner": matter.owner},
            )
            return back(post)
    return render(
        request,
        "knowhow/faq_new.html",
        {"form": form, "matter": matter, "masked": counts_for_display(draft.masked)},
    )


def _faq_post_or_404(request, pk: int, action: str, decision: str):
    """The FAQ the user may do `action` on, or one already at `decision` that they could have taken
    there (a second click: the service says so); 404 otherwise."""
    post = post_or_404(request, pk)
    record = policy.faq_of(post)
    if record is None:
        raise Http404
    if not faq.already_decided(request.user, record, decision):
        access.require_or_404(request.user, action, post)
    return post


def _already(request, post, error: faq.AlreadyDecided):
    messages.info(request, error.messages[0])
    return back(post)


@login_required
@require_POST
def request_consent(request, pk: int):
    post = _faq_post_or_404(request, pk, "faq.request_consent", ConsentState.REQUESTED)
    try:
        faq.faq_request_consent(post_id=post.pk, actor=request.user)
    except faq.AlreadyDecided as error:
        return _already(request, post, error)
    messages.success(request, _("公開への同意を依頼しました。同意があると公開されます。"))
    return back(post, "#consent")


@login_required
@require_POST
def consent(request, pk: int):
    post = _faq_post_or_404(request, pk, "faq.consent", ConsentState.GIVEN)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        faq.faq_consent(post_id=post.pk, actor=request.user, version=version)
    except faq.AlreadyDecided as error:
        return _already(request, post, error)
    except ValidationError as error:
        flash_errors(request, error)
        return back(post, "#consent")
    messages.success(request, _("公開に同意しました。FAQを公開しました。"))
    return back(post)


def _with_reason(request, pk: int, action: str, decision: str, prefix: str, service, done: str):
    post = _faq_post_or_404(request, pk, action, decision)
    form = forms.ConsentReasonForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            service(post_id=post.pk, actor=request.user, reason=form.cleaned_data["reason"])
        except faq.AlreadyDecided as error:
            return _already(request, post, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return back(post, "#consent")
    return render_detail(request, post, **{f"{prefix}_form": form})


@login_required
@require_POST
def refuse(request, pk: int):
    return _with_reason(
        request,
        pk,
        "faq.refuse",
        ConsentState.REFUSED,
        "refuse",
        faq.faq_refuse,
        _("同意しないことをCIO補佐官に伝えました。"),
    )


@login_required
@require_POST
def withdraw(request, pk: int):
    return _with_reason(
        request,
        pk,
        "faq.withdraw",
        ConsentState.WITHDRAWN,
        "withdraw",
        faq.faq_withdraw,
        _("同意を撤回しました。FAQは非公開になりました。"),
    )
