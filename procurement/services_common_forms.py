"""Writes of the common forms (規定帳票): the list of forms (the founders and the secretariat keep it)
and each member's progress towards each form (its own staff, or the secretariat)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from portal import access
from procurement.cells import CellChange, CellTable, save_cells
from procurement.fitgap_files import normalise
from procurement.models import AdoptionState, CommonForm, FormAdoption, Workspace

MAX_FORM_NAME_LENGTH = 100
ADOPTIONS = CellTable(
    model=FormAdoption,
    row_field="form",
    value_field="state",
    blank=AdoptionState.NOT_STARTED,
    action="procurement.forms.set",
    by_field="updated_by",
    at_field="updated_at",
    valid_values=frozenset(AdoptionState.values),
)


def adoptions_save(*, actor, workspace: Workspace, changes: list[CellChange]) -> int:
    """Save the members' states the actor changed; raises CellConflict (saving nothing) when someone
    else changed one of them meanwhile."""
    access.require(actor, "procurement.forms.view", workspace)
    return save_cells(
        table=ADOPTIONS, actor=actor, workspace=workspace, rows=workspace.common_forms.all(), changes=changes
    )


def _clean_name(workspace: Workspace, name: str, *, other_than: int | None = None) -> str:
    name = normalise(name)
    if not name:
        raise ValidationError(_("帳票名を入力してください。"))
    if len(name) > MAX_FORM_NAME_LENGTH:
        raise ValidationError(_("帳票名は%(max)d文字以内にしてください。") % {"max": MAX_FORM_NAME_LENGTH})
    if workspace.common_forms.filter(name=name).exclude(pk=other_than).exists():
        raise ValidationError(_("「%(name)s」はすでにあります。") % {"name": name})
    return name


def _saved(save):
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        raise ValidationError(_("同じ名前の帳票がたった今ほかの人によって登録されました。")) from None


def common_form_add(*, actor, workspace: Workspace, name: str) -> CommonForm:
    access.require(actor, "procurement.forms.manage", workspace)
    name = _clean_name(workspace, name)
    last = workspace.common_forms.aggregate(last=Max("order"))["last"] or 0
    return _saved(lambda: CommonForm.objects.create(workspace=workspace, name=name, order=last + 10))


def common_form_rename(*, actor, workspace: Workspace, form_id: int, name: str) -> CommonForm:
    access.require(actor, "procurement.forms.manage", workspace)
    form = workspace.common_forms.filter(pk=form_id).first()
    if form is None:
        raise ValidationError(_("その帳票は削除されています。"))
    form.name = _clean_name(workspace, name, other_than=form.pk)
    return _saved(lambda: form.save(update_fields=["name"]) or form)


def common_form_remove(*, actor, workspace: Workspace, form_id: int) -> None:
    """Remove a form and the members' states for it; removing it twice is harmless."""
    access.require(actor, "procurement.forms.manage", workspace)
    with transaction.atomic():
        workspace.common_forms.filter(pk=form_id).delete()
