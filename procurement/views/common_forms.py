"""/procurement/<slug>/forms/: the common forms (規定帳票) × members, and keeping the list of forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procurement import fitgap, services_common_forms
from procurement.forms_fitgap import CommonFormNameForm
from procurement.models import AdoptionState
from procurement.selectors_fitgap import common_forms_of
from procurement.views.common import workspace_context, workspace_for
from procurement.views.grid import grid, save_posted


def _page(request, workspace, *, data=None, conflicts=None, error=None, add_form=None, renaming=None):
    table = common_forms_of(workspace)
    rows = grid(
        user=request.user,
        table=services_common_forms.ADOPTIONS,
        rows=table["forms"],
        members=table["members"],
        cells=table["adoptions"],
        labels={state.value: str(state.label) for state in AdoptionState},
        data=data,
        conflicts=conflicts,
    )
    context = workspace_context(
        request,
        workspace,
        "forms",
        members=table["members"],
        rows=rows,
        editable=any(cell.editable for row in rows for cell in row.cells),
        progress=fitgap.form_progress(table["forms"], table["members"], table["adoptions"]),
        choices=AdoptionState.choices,
        error=error,
        add_form=add_form or CommonFormNameForm(prefix="new"),
        renaming=renaming or {},
    )
    return render(request, "procurement/common_forms/page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def common_forms_page(request, slug):
    workspace = workspace_for(request, slug, "procurement.forms.view")
    if request.method == "GET":
        return _page(request, workspace)
    table = common_forms_of(workspace)
    redrawn = save_posted(
        request,
        table=services_common_forms.ADOPTIONS,
        rows=table["forms"],
        members=table["members"],
        save=lambda changes: services_common_forms.adoptions_save(
            actor=request.user, workspace=workspace, changes=changes
        ),
        redraw=lambda **shown: _page(request, workspace, data=request.POST, **shown),
        saved_message=_("%(n)d か所の状況を保存しました。"),
    )
    if redrawn is not None:
        return redrawn
    return redirect("procurement:common_forms_page", workspace.slug)


@login_required
@require_POST
def common_form_add(request, slug):
    workspace = workspace_for(request, slug, "procurement.forms.manage")
    form = CommonFormNameForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            made = services_common_forms.common_form_add(
                actor=request.user, workspace=workspace, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(request, _("「%(name)s」を追加しました。") % {"name": made.name})
            return redirect("procurement:common_forms_page", workspace.slug)
    return _page(request, workspace, add_form=form)


@login_required
@require_POST
def common_form_rename(request, slug, pk):
    workspace = workspace_for(request, slug, "procurement.forms.manage")
    typed = request.POST.get("name", "")
    try:
        renamed = services_common_forms.common_form_rename(
            actor=request.user, workspace=workspace, form_id=pk, name=typed
        )
    except ValidationError as error:
        # The page again, the typed name kept in its row with the message beside it.
        return _page(request, workspace, renaming={"pk": pk, "name": typed, "error": error.messages[0]})
    messages.success(request, _("帳票名を「%(name)s」に変更しました。") % {"name": renamed.name})
    return redirect("procurement:common_forms_page", workspace.slug)


@login_required
@require_POST
def common_form_remove(request, slug, pk):
    workspace = workspace_for(request, slug, "procurement.forms.manage")
    services_common_forms.common_form_remove(actor=request.user, workspace=workspace, form_id=pk)
    messages.success(request, _("帳票を削除しました。"))
    return redirect("procurement:common_forms_page", workspace.slug)
