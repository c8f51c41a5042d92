"""The system inventory's feed (portal.inventory_feeds): rows of a survey's system table written into
one municipality's inventory. A row matches a system of the same business area and name (updated),
else it is added; nothing is removed (a row left out of an answer may simply not have been asked).
Every row is checked before anything is written: one refused row refuses them all."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import access
from portal.inventory_feeds import Column, Feed, FeedChange, FeedError
from portal.models import SystemArea
from portal.templatetags.wareki import wareki
from procurement.models import SystemInUse

COLUMNS = (
    Column("area", gettext_lazy("業務分野"), "text"),
    Column("name", gettext_lazy("システム名"), "text"),
    Column("vendor", gettext_lazy("事業者"), "text"),
    Column("package", gettext_lazy("パッケージ"), "text"),
    Column("contract_start", gettext_lazy("契約開始"), "date"),
    Column("contract_end", gettext_lazy("契約終了"), "date"),
    Column("annual_cost", gettext_lazy("年額費用（円）"), "number"),
)
REQUIRED = ("area", "name", "vendor", "contract_start", "contract_end")


def _date(value):
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _checked(rows) -> list[tuple[int, dict]]:
    """The rows as SystemInUse values (area as a SystemArea), or FeedError naming every refused row."""
    areas = {area.name: area for area in SystemArea.objects.all()}
    labels = {column.key: column.label for column in COLUMNS}
    checked, refused = [], []
    for number, row in enumerate(rows, start=1):
        problems = [
            _("「%(column)s」が空です") % {"column": labels[key]} for key in REQUIRED if not row.get(key)
        ]
        area = areas.get(str(row.get("area") or "").strip())
        if row.get("area") and area is None:
            problems.append(_("業務分野「%(area)s」は登録されていません") % {"area": row["area"]})
        values = {
            "area": area,
            "name": str(row.get("name") or "").strip(),
            "vendor": str(row.get("vendor") or "").strip(),
            "package": str(row.get("package") or "").strip(),
            "annual_cost": row.get("annual_cost"),
        }
        try:
            values["contract_start"] = _date(row["contract_start"]) if row.get("contract_start") else None
            values["contract_end"] = _date(row["contract_end"]) if row.get("contract_end") else None
        except ValueError:
            problems.append(_("契約開始・契約終了は日付で入力してください"))
        else:
            start, end = values["contract_start"], values["contract_end"]
            if start and end and end <= start:
                problems.append(_("契約終了は契約開始より後の日付にしてください"))
        cost = values["annual_cost"]
        if cost not in (None, "") and (not isinstance(cost, int) or cost < 0):
            problems.append(_("年額費用は0以上の整数（円）で入力してください"))
        values["annual_cost"] = None if cost in (None, "") else cost
        if problems:
            refused.append(
                _("%(row)s行目：%(problems)s。") % {"row": number, "problems": "、".join(problems)}
            )
        else:
            checked.append((number, values))
    if refused:
        raise FeedError(refused)
    return checked


def _existing(municipality) -> dict[tuple[int, str], SystemInUse]:
    return {(s.area_id, s.name): s for s in SystemInUse.objects.filter(municipality=municipality)}


def _change(number, values, existing) -> FeedChange:
    action = "update" if (values["area"].pk, values["name"]) in existing else "create"
    period = f"{wareki(values['contract_start'])}〜{wareki(values['contract_end'])}"
    return FeedChange(
        row=number,
        action=action,
        summary=f"{values['area'].name} {values['name']}",
        detail=f"{values['vendor']}、{period}",
    )


def preview(*, municipality, rows) -> list[FeedChange]:
    existing = _existing(municipality)
    return [_change(number, values, existing) for number, values in _checked(rows)]


def apply(*, actor, municipality, rows) -> list[FeedChange]:
    with transaction.atomic():
        access.require(actor, "procurement.inventory.edit", municipality)
        checked = _checked(rows)
        existing = {
            (s.area_id, s.name): s
            for s in SystemInUse.objects.select_for_update().filter(municipality=municipality)
        }
        changes, now = [], timezone.now()
        for number, values in checked:
            change = _change(number, values, existing)
            system = existing.get((values["area"].pk, values["name"]))
            if system is None:
                system = SystemInUse(municipality=municipality)
            for name, value in values.items():
                setattr(system, name, value)
            system.updated_by, system.updated_at = actor, now
            system.save()
            existing[(system.area_id, system.name)] = system
            changes.append(change)
        return changes


FEED = Feed(
    slug="procurement.inventory",
    label=gettext_lazy("共同化検討会のシステム台帳"),
    columns=COLUMNS,
    preview=preview,
    apply=apply,
)
