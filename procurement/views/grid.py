"""The members' tables as pages (the fit-gap matrix, the common forms): rows × member columns, each cell
a value and a note. A cell the user may set is a select and a note field carrying what the page showed
(`was`), so that procurement.cells saves only what the user changed; the others are text. After a
conflict, the user's entries are kept and the current values are shown beside them."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal import access
from procurement.cells import CellChange, CellConflict, CellTable


@dataclass
class GridCell:
    member: object
    prefix: str
    editable: bool
    value: str
    note: str
    was_value: str
    was_note: str
    value_label: str
    by: object
    at: object
    conflict: tuple[str, str] | None = None


@dataclass
class GridRow:
    row: object
    cells: list[GridCell]


def _key(prefix: str, part: str) -> str:
    return f"{prefix}-{part}"


def editable_columns(user, table: CellTable, members) -> set[int]:
    return {member.pk for member in members if access.can(user, table.action, member)}


def grid(
    *, user, table: CellTable, rows, members, cells, labels: dict[str, str], data=None, conflicts=None
) -> list[GridRow]:
    """The rows of the table for this user; `data` is a posted page to show again, `conflicts` the
    current (value, note) of the cells someone else changed meanwhile."""
    conflicts = conflicts or {}
    editable = editable_columns(user, table, members)
    stored = {(getattr(cell, f"{table.row_field}_id"), cell.member_id): cell for cell in cells}
    grid_rows = []
    for row in rows:
        grid_cells = []
        for member in members:
            key = (row.pk, member.pk)
            cell = stored.get(key)
            value, note = (getattr(cell, table.value_field), cell.note) if cell else (table.blank, "")
            prefix = f"c-{row.pk}-{member.pk}"
            was_value, was_note = value, note
            if data is not None and member.pk in editable and _key(prefix, "was-value") in data:
                value, note = data.get(_key(prefix, "value"), ""), data.get(_key(prefix, "note"), "")
                was_value, was_note = data[_key(prefix, "was-value")], data.get(_key(prefix, "was-note"), "")
            conflict = conflicts.get(key)
            if conflict is not None:
                # Sending the page again now means: keep my entry over theirs.
                was_value, was_note = conflict
                conflict = (labels.get(conflict[0], ""), conflict[1])
            grid_cells.append(
                GridCell(
                    member=member,
                    prefix=prefix,
                    editable=member.pk in editable,
                    value=value,
                    note=note,
                    was_value=was_value,
                    was_note=was_note,
                    value_label=labels.get(getattr(cell, table.value_field), "")
                    if cell
                    else labels[table.blank],
                    by=getattr(cell, table.by_field) if cell else None,
                    at=getattr(cell, table.at_field) if cell else None,
                    conflict=conflict,
                )
            )
        grid_rows.append(GridRow(row, grid_cells))
    return grid_rows


def posted_changes(data, *, user, table: CellTable, rows, members) -> list[CellChange]:
    """The cells of `rows` the page posted for the columns this user may set."""
    editable = editable_columns(user, table, members)
    changes = []
    for row in rows:
        for member in members:
            prefix = f"c-{row.pk}-{member.pk}"
            if member.pk not in editable or _key(prefix, "was-value") not in data:
                continue
            changes.append(
                CellChange(
                    row_id=row.pk,
                    member_id=member.pk,
                    value=data.get(_key(prefix, "value"), ""),
                    note=data.get(_key(prefix, "note"), "").strip(),
                    was_value=data[_key(prefix, "was-value")],
                    was_note=data.get(_key(prefix, "was-note"), "").strip(),
                )
            )
    return changes


def save_posted(request, *, table: CellTable, rows, members, save, redraw, saved_message: str):
    """Save the posted page's changed cells with `save(changes)` and say how many; after a conflict or
    bad input, the page drawn again by `redraw(conflicts=..., error=...)`, else None (redirect then)."""
    changes = posted_changes(request.POST, user=request.user, table=table, rows=rows, members=members)
    try:
        saved = save(changes)
    except CellConflict as conflict:
        return redraw(conflicts=conflict.current, error=conflict.messages[0])
    except ValidationError as error:
        return redraw(conflicts=None, error=error.messages[0])
    if saved:
        messages.success(request, saved_message % {"n": saved})
    else:
        messages.info(request, _("変更はありませんでした。"))
    return None
