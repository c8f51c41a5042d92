"""Problems several municipalities share, and questions addressed to municipalities.

- /knowhow/shared-problems/: the two rankings (knowhow.shared_problems), for advisors and officials;
  advisors invite a row's municipalities to start joint work (a confirmation page, then POST).
- /knowhow/ask/<source>/<pk>/: 「この団体に聞く」, the question form addressed to the municipalities of
  another app's object (a case study), lent through portal.material.
Outside the user's scope a page does not exist (404), as everywhere in know-how.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from knowhow import forms, services, shared_problems
from knowhow.views.posts import back
from portal import access, joint_work


@login_required
@require_GET
def shared_problems_list(request):
    access.require_or_404(request.user, "shared_problems.view")
    context = shared_problems.rankings_for(request.user)
    context["threshold"] = shared_problems.THRESHOLD
    context["may_invite"] = access.can(request.user, "shared_problems.invite") and bool(joint_work.starters())
    return render(request, "knowhow/shared_problems.html", context)


def _invite(request, *, question_id=None, system_area_id=None):
    access.require_or_404(request.user, "shared_problems.invite")
    row = shared_problems.shared_problem(question_id=question_id, system_area_id=system_area_id)
    starters = joint_work.starters()
    if row is None or not starters:
        raise Http404
    row.for_viewer(request.user)
    form = forms.InvitationForm(request.POST or None, starters=starters)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.joint_invitation_create(
                actor=request.user,
                starter=form.cleaned_data["starter"],
                question_id=question_id,
                system_area_id=system_area_id,
                client_token=form.cleaned_data["client_token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("「%(topic)s」について、%(n)d 団体の職員に呼びかけを送りました。")
                % {"topic": row.topic, "n": invitation.municipalities.count()},
            )
            return redirect(reverse("knowhow:shared_problems"))
    return render(request, "knowhow/invite.html", {"row": row, "form": form, "single": len(starters) == 1})


@login_required
@require_http_methods(["GET", "POST"])
def invite_question(request, pk: int):
    return _invite(request, question_id=pk)


@login_required
@require_http_methods(["GET", "POST"])
def invite_area(request, pk: int):
    return _invite(request, system_area_id=pk)


@login_required
@require_http_methods(["GET", "POST"])
def ask(request, source: str, pk: int):
    lent = services.material_to_ask(source, pk)
    access.require_or_404(request.user, "post.ask", lent)
    addressees = services.addressees(request.user, lent)
    initial = {"title": _("事例「%(title)s」について教えてください") % {"title": lent.title}}
    initial["title"] = initial["title"][:200]
    form = forms.AskForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = services.question_ask(
                actor=request.user,
                source=source,
                pk=pk,
                title=data["title"],
                body=data["body"],
                tags=data["tags"],
                system_areas=data["system_areas"],
                anonymous=data["anonymous"],
                uploads=data["attachments"],
                publish=request.POST.get("action") != "draft",
                client_token=data["client_token"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("質問を公開しました。") if post.is_published else _("下書きを保存しました。")
            )
            return back(post)
    origin = services.ASK_SOURCES[source] % {"title": lent.title}
    return render(
        request,
        "knowhow/ask.html",
        {"form": form, "lent": lent, "addressees": addressees, "origin": origin},
    )
