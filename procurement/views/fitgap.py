"""/procurement/<slug>/fit-gap/: the matrix (and saving one area's cells), its import and its export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import spreadsheets
from procurement import fitgap, fitgap_files, forms_fitgap, services_fitgap
from procurement.models import FitLevel
from procurement.selectors_fitgap import matrix_of
from procurement.views.common import workspace_context, workspace_for
from procurement.views.grid import grid, save_posted


def _level_labels():
    return {"": _("未判定"), **{level.value: str(level.label) for level in FitLevel}}


def _area_id(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _sections(request, workspace, matrix, data=None, conflicts=None, posted_area=None):
    """One section per business area of the matrix, each its own form."""
    by_area = {}
    for function in matrix["functions"]:
        by_area.setdefault(function.area_id, (function.area, []))[1].append(function)
    sections = []
    for area_id, (area, functions) in by_area.items():
        rows = grid(
            user=request.user,
            table=services_fitgap.FITS,
            rows=functions,
            members=matrix["members"],
            cells=matrix["fits"],
            labels=_level_labels(),
            data=data if area_id == posted_area else None,
            conflicts=conflicts if area_id == posted_area else None,
        )
        editable = any(cell.editable for row in rows for cell in row.cells)
        sections.append({"area": area, "rows": rows, "editable": editable})
    return sections


def _page(request, workspace, *, data=None, conflicts=None, posted_area=None, error=None):
    area_id = _area_id(request.GET.get("area"))
    matrix = matrix_of(workspace)
    shown = (
        matrix
        if area_id is None
        else {**matrix, "functions": [f for f in matrix["functions"] if f.area_id == area_id]}
    )
    context = workspace_context(
        request,
        workspace,
        "fitgap",
        areas=list(workspace.areas.all()),
        area_id=area_id,
        members=matrix["members"],
        sections=_sections(request, workspace, shown, data, conflicts, posted_area),
        summary=fitgap.summarise(matrix["functions"], matrix["members"], matrix["fits"]),
        choices=[("", _("未判定")), *FitLevel.choices],
        error=error,
    )
    return render(request, "procurement/fitgap/matrix.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def fitgap_matrix(request, slug):
    workspace = workspace_for(request, slug, "procurement.fitgap.view")
    if request.method == "GET":
        return _page(request, workspace)
    area_id = _area_id(request.POST.get("area"))
    matrix = matrix_of(workspace, area_id)
    redrawn = save_posted(
        request,
        table=services_fitgap.FITS,
        rows=matrix["functions"],
        members=matrix["members"],
        save=lambda changes: services_fitgap.fits_save(
            actor=request.user, workspace=workspace, changes=changes
        ),
        redraw=lambda **shown: _page(request, workspace, data=request.POST, posted_area=area_id, **shown),
        saved_message=_("%(n)d か所の判定を保存しました。"),
    )
    if redrawn is not None:
        return redrawn
    query = f"?area={request.GET['area']}" if _area_id(request.GET.get("area")) else ""
    return redirect(reverse("procurement:fitgap_matrix", args=[workspace.slug]) + query + f"#area-{area_id}")


@login_required
@require_http_methods(["GET", "POST"])
def fitgap_import(request, slug):
    workspace = workspace_for(request, slug, "procurement.fitgap.import")
    upload_form = forms_fitgap.FunctionImportForm(
        request.POST if request.POST.get("action") == "import" else None,
        request.FILES if request.POST.get("action") == "import" else None,
    )
    add_form = forms_fitgap.FunctionAddForm(
        request.POST if request.POST.get("action") == "add" else None, workspace=workspace
    )
    if request.method == "POST" and upload_form.is_bound and upload_form.is_valid():
        try:
            made = services_fitgap.functions_import(
                actor=request.user, workspace=workspace, upload=upload_form.cleaned_data["file"]
            )
        except ValidationError as error:
            upload_form.add_error("file", error)
        else:
            messages.success(request, _("%(n)d 件の機能を読み込みました。") % {"n": len(made)})
            return redirect("procurement:fitgap_matrix", workspace.slug)
    if request.method == "POST" and add_form.is_bound and add_form.is_valid():
        data = add_form.cleaned_data
        try:
            function = services_fitgap.function_add(
                actor=request.user,
                workspace=workspace,
                area=data["area"].name,
                name=data["name"],
                description=data["description"],
            )
        except ValidationError as error:
            add_form.add_error("name", error)
        else:
            messages.success(request, _("「%(name)s」を追加しました。") % {"name": function.name})
            return redirect("procurement:fitgap_import", workspace.slug)
    context = workspace_context(
        request,
        workspace,
        "fitgap",
        upload_form=upload_form,
        add_form=add_form,
        functions=workspace.functions.select_related("area"),
        max_megabytes=f"{fitgap_files.MAX_IMPORT_BYTES / 1024 / 1024:g}",
    )
    return render(request, "procurement/fitgap/import.html", context)


@login_required
@require_POST
def fitgap_function_remove(request, slug, pk):
    workspace = workspace_for(request, slug, "procurement.fitgap.import")
    services_fitgap.function_remove(actor=request.user, workspace=workspace, function_id=pk)
    messages.success(request, _("機能を削除しました。"))
    return redirect("procurement:fitgap_import", workspace.slug)


def _export_table(workspace):
    matrix = matrix_of(workspace)
    return fitgap_files.matrix_table(matrix["functions"], matrix["members"], matrix["fits"])


def _export_name(workspace, extension):
    return f"{workspace.slug}-fit-gap-{timezone.localdate():%Y%m%d}.{extension}"


@login_required
@require_GET
def fitgap_export_csv(request, slug):
    workspace = workspace_for(request, slug, "procurement.fitgap.view")
    header, rows = _export_table(workspace)
    return spreadsheets.csv_response(_export_name(workspace, "csv"), header, rows)


@login_required
@require_GET
def fitgap_export_xlsx(request, slug):
    workspace = workspace_for(request, slug, "procurement.fitgap.view")
    header, rows = _export_table(workspace)
    return spreadsheets.xlsx_response(_export_name(workspace, "xlsx"), [(_("機能適合分析"), header, rows)])
