"""Writes to a municipality's system inventory: its staff and the advisors add, change and remove rows.
Each write checks the rule first and keeps the contract period whole (it ends after it starts)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import access
from portal.models import Municipality
from procurement.models import SystemInUse

FIELDS = ("area", "name", "vendor", "package", "contract_start", "contract_end", "annual_cost", "note")


class InventoryError(Exception):
    """A write the inventory refuses, with the message the page shows."""


def _checked(values: dict) -> dict:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not inventory fields: {', '.join(sorted(unknown))}")
    start, end = values.get("contract_start"), values.get("contract_end")
    if start and end and end <= start:
        raise InventoryError(_("契約終了日は契約開始日より後の日付にしてください。"))
    return values


def inventory_add(*, actor, municipality_id: int, values: dict) -> SystemInUse:
    values = _checked(values)
    with transaction.atomic():
        municipality = Municipality.objects.get(pk=municipality_id)
        access.require(actor, "procurement.inventory.edit", municipality)
        return SystemInUse.objects.create(
            municipality=municipality, updated_by=actor, updated_at=timezone.now(), **values
        )


def inventory_update(*, actor, system_id: int, values: dict) -> SystemInUse:
    values = _checked(values)
    with transaction.atomic():
        system = SystemInUse.objects.select_for_update().select_related("municipality").get(pk=system_id)
        access.require(actor, "procurement.inventory.edit", system.municipality)
        for name, value in values.items():
            setattr(system, name, value)
        system.updated_by, system.updated_at = actor, timezone.now()
        system.save()
        return system


def inventory_delete(*, actor, municipality_id: int, system_id: int) -> bool:
    """Remove the row; False if it was gone already (a second click, or a colleague's)."""
    with transaction.atomic():
        municipality = Municipality.objects.get(pk=municipality_id)
        access.require(actor, "procurement.inventory.edit", municipality)
        deleted, _rows = SystemInUse.objects.filter(pk=system_id, municipality=municipality).delete()
        return deleted > 0
