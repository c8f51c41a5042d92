"""Writes of the fit-gap matrix: the cells (each member's judgement) and the list of functions."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portal import access
from portal.uploads import CheckedUpload, ensure_checked
from procurement import fitgap_files
from procurement.cells import CellChange, CellTable, save_cells
from procurement.models import Fit, FitLevel, Function, Workspace

FITS = CellTable(
    model=Fit,
    row_field="function",
    value_field="level",
    blank="",
    action="procurement.fitgap.decide",
    by_field="decided_by",
    at_field="decided_at",
    valid_values=frozenset({"", *FitLevel.values}),
)


def fits_save(*, actor, workspace: Workspace, changes: list[CellChange]) -> int:
    """Save the cells the actor changed (their own column, or any for the secretariat); raises
    CellConflict when someone else changed one of them meanwhile, and saves nothing then."""
    access.require(actor, "procurement.fitgap.view", workspace)
    return save_cells(
        table=FITS, actor=actor, workspace=workspace, rows=workspace.functions.all(), changes=changes
    )


def _area_lookup(workspace: Workspace) -> dict[str, object]:
    """The workspace's business areas by their name as compared (Japanese or English)."""
    lookup = {}
    for area in workspace.areas.all():
        lookup[fitgap_files.normalise(area.name).lower()] = area
        if area.name_en:
            lookup[fitgap_files.normalise(area.name_en).lower()] = area
    return lookup


def _validate(workspace: Workspace, rows: list[fitgap_files.FunctionRow]) -> list[str]:
    areas = _area_lookup(workspace)
    area_names = "・".join(area.name for area in workspace.areas.all()) or _("（なし）")
    existing = {
        (area_id, fitgap_files.normalise(name))
        for area_id, name in workspace.functions.values_list("area_id", "name")
    }
    seen: dict[tuple[int, str], int] = {}
    errors = []
    for row in rows:
        area = areas.get(row.area.lower())
        if not row.area:
            errors.append(_("%(line)d行目：業務分野が空です。") % {"line": row.line})
        elif area is None:
            errors.append(
                _("%(line)d行目：業務分野「%(area)s」は、この検討会の対象業務（%(areas)s）にありません。")
                % {"line": row.line, "area": row.area, "areas": area_names}
            )
        if not row.name:
            errors.append(_("%(line)d行目：機能が空です。") % {"line": row.line})
        elif len(row.name) > fitgap_files.MAX_NAME_LENGTH:
            errors.append(
                _("%(line)d行目：機能は%(max)d文字以内にしてください。")
                % {"line": row.line, "max": fitgap_files.MAX_NAME_LENGTH}
            )
        if len(row.description) > fitgap_files.MAX_DESCRIPTION_LENGTH:
            errors.append(
                _("%(line)d行目：説明は%(max)d文字以内にしてください。")
                % {"line": row.line, "max": fitgap_files.MAX_DESCRIPTION_LENGTH}
            )
        if area is None or not row.name:
            continue
        key = (area.pk, row.name)
        if key in existing:
            errors.append(
                _("%(line)d行目：「%(name)s」（%(area)s）はすでに登録されています。")
                % {"line": row.line, "name": row.name, "area": area.name}
            )
        elif key in seen:
            errors.append(
                _("%(line)d行目：「%(name)s」（%(area)s）は%(first)d行目と重複しています。")
                % {"line": row.line, "name": row.name, "area": area.name, "first": seen[key]}
            )
        else:
            seen[key] = row.line
    return errors


def _create(workspace: Workspace, rows: list[fitgap_files.FunctionRow]) -> list[Function]:
    areas = _area_lookup(workspace)
    last = dict(
        workspace.functions.values("area_id").annotate(last=Max("order")).values_list("area_id", "last")
    )
    functions = []
    for row in rows:
        area = areas[row.area.lower()]
        last[area.pk] = last.get(area.pk, 0) + 10
        functions.append(
            Function(
                workspace=workspace,
                area=area,
                name=row.name,
                description=row.description,
                order=last[area.pk],
            )
        )
    try:
        with transaction.atomic():
            return Function.objects.bulk_create(functions)
    except IntegrityError:
        # Someone added the same function between the check and this write.
        raise ValidationError(
            _(
                "同じ機能がたった今ほかの人によって登録されました。一覧を確かめてからもう一度読み込んでください。"
            )
        ) from None


def functions_import(*, actor, workspace: Workspace, upload: CheckedUpload) -> list[Function]:
    """Add the functions listed in a checked CSV or xlsx file: all of them, or none (every problem is
    raised at once as a ValidationError, each message with its row number)."""
    access.require(actor, "procurement.fitgap.import", workspace)
    (upload,) = ensure_checked([upload])
    try:
        members = workspace.members.select_related("municipality")
        skipped = [label for member in members for label in fitgap_files.member_columns(member)]
        rows, errors = fitgap_files.read_functions(upload, skipped)
    except ValidationError:
        raise
    except Exception:
        # openpyxl raises many kinds of error on a workbook it cannot read.
        raise ValidationError(
            _("%(name)s: 表として読み込めません。Excel（.xlsx）か CSV で保存し直してください。")
            % {"name": upload.name}
        ) from None
    errors = errors or _validate(workspace, rows)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _create(workspace, rows)


def function_add(*, actor, workspace: Workspace, area: str, name: str, description: str = "") -> Function:
    """Add one function typed on the page, under the same rules as a file's rows."""
    access.require(actor, "procurement.fitgap.import", workspace)
    row = fitgap_files.FunctionRow(
        line=1,
        area=fitgap_files.normalise(area),
        name=fitgap_files.normalise(name),
        description=description.strip(),
    )
    errors = _validate(workspace, [row])
    if errors:
        raise ValidationError([error.partition("：")[2] for error in errors])
    with transaction.atomic():
        return _create(workspace, [row])[0]


def function_remove(*, actor, workspace: Workspace, function_id: int) -> None:
    """Remove a function and its judgements (a row added by mistake); removing it twice is harmless."""
    access.require(actor, "procurement.fitgap.import", workspace)
    with transaction.atomic():
        workspace.functions.filter(pk=function_id).delete()
