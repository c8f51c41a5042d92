"""Saving cells of a members' table (the fit-gap matrix, the common forms) without losing anyone's work.

A page posts, for each cell it showed, the value and note as the user left them and as they were when
the page was drawn. Only the cells the user changed are written, so two people filling different cells
of the same table at once keep each other's work. A changed cell that someone else changed meanwhile
(to something else) is a conflict: nothing of the batch is saved, and the page shows the current values
so the user decides again. A cell back to its blank value with no note is removed (blank again)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access
from procurement.models import Member, Workspace

MAX_NOTE_LENGTH = 500


@dataclass(frozen=True)
class CellChange:
    row_id: int
    member_id: int
    value: str
    note: str
    was_value: str
    was_note: str

    @property
    def changed(self) -> bool:
        return (self.value, self.note) != (self.was_value, self.was_note)


class CellConflict(ValidationError):
    """Cells someone else changed since the page was drawn: {(row_id, member_id): (value, note)} now."""

    def __init__(self, current: dict[tuple[int, int], tuple[str, str]]):
        self.current = current
        super().__init__(
            _(
                "%(n)d か所は、このページを開いた後にほかの人が変更していたため、保存しませんでした"
                "（ほかの変更も保存していません）。現在の内容を表示しましたので、確かめてからもう一度保存してください。"
            )
            % {"n": len(current)}
        )


@dataclass(frozen=True)
class CellTable:
    """Where a table's cells live: `model` rows keyed by (`row_field`, member), a value and a note."""

    model: type
    row_field: str
    value_field: str
    blank: str
    action: str
    by_field: str
    at_field: str
    valid_values: frozenset[str]


def save_cells(*, table: CellTable, actor, workspace: Workspace, rows, changes: list[CellChange]) -> int:
    """Write the changed cells of `rows` (the workspace's rows, a queryset); returns how many changed."""
    changes = [change for change in changes if change.changed]
    if not changes:
        return 0
    with transaction.atomic():
        # One save at a time per workspace: two first judgements of the same blank cell cannot race.
        Workspace.objects.select_for_update().filter(pk=workspace.pk).first()
        members = {m.pk: m for m in workspace.members.select_related("municipality")}
        row_ids = set(rows.filter(pk__in={c.row_id for c in changes}).values_list("pk", flat=True))
        for change in changes:
            member = members.get(change.member_id)
            if change.row_id not in row_ids or member is None:
                raise ValidationError(_("このページの表にない欄が送られました。ページを開き直してください。"))
            access.require(actor, table.action, member)
            if change.value not in table.valid_values:
                raise ValidationError(_("選べない値が送られました。ページを開き直してください。"))
            if len(change.note) > MAX_NOTE_LENGTH:
                raise ValidationError(_("メモは%(max)d文字以内にしてください。") % {"max": MAX_NOTE_LENGTH})
        lookup = {f"{table.row_field}_id__in": row_ids, "member_id__in": {c.member_id for c in changes}}
        existing = {
            (getattr(cell, f"{table.row_field}_id"), cell.member_id): cell
            for cell in table.model.objects.filter(**lookup)
        }
        current = {key: (getattr(cell, table.value_field), cell.note) for key, cell in existing.items()}
        conflicts = {}
        for change in changes:
            key = (change.row_id, change.member_id)
            now = current.get(key, (table.blank, ""))
            if now not in {(change.was_value, change.was_note), (change.value, change.note)}:
                conflicts[key] = now
        if conflicts:
            raise CellConflict(conflicts)
        at = timezone.now()
        for change in changes:
            key = (change.row_id, change.member_id)
            if current.get(key, (table.blank, "")) == (change.value, change.note):
                continue
            cell = existing.get(key)
            if change.value == table.blank and not change.note:
                if cell is not None:
                    cell.delete()
                continue
            if cell is None:
                cell = table.model(**{f"{table.row_field}_id": change.row_id, "member_id": change.member_id})
            setattr(cell, table.value_field, change.value)
            cell.note = change.note
            setattr(cell, table.by_field, actor)
            setattr(cell, table.at_field, at)
            cell.save()
    return len(changes)


def member_columns(workspace: Workspace) -> list[Member]:
    """The table's columns: the members in their display order (founders first, then 五十音順)."""
    return list(workspace.members.select_related("municipality"))
