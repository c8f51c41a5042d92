"""The system inventory's feed: rows of a survey's system table written into a municipality's inventory
through the kernel registry (portal.inventory_feeds), matched on business area + system name."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from portal import inventory_feeds
from portal.inventory_feeds import FeedError
from portal.models import Role
from procurement.models import SystemInUse
from tests.factories import MunicipalityFactory, SystemAreaFactory, SystemInUseFactory, member

pytestmark = pytest.mark.django_db


def _feed():
    return inventory_feeds.get("procurement.inventory")


def _row(**values):
    return {
        "area": "住民記録",
        "name": "住民情報システム",
        "vendor": "奈良システム株式会社",
        "package": "",
        "contract_start": "2024-04-01",
        "contract_end": "2029-03-31",
        "annual_cost": 42_000_000,
        **values,
    }


@pytest.fixture
def town():
    SystemAreaFactory(name="住民記録")
    SystemAreaFactory(name="税務", order=20)
    return MunicipalityFactory(name="香芝市", kana="かしばし")


def test_the_procurement_app_registers_its_feed_with_the_kernel():
    feed = _feed()
    assert feed in inventory_feeds.registered()
    assert [column.key for column in feed.columns] == [
        "area",
        "name",
        "vendor",
        "package",
        "contract_start",
        "contract_end",
        "annual_cost",
    ]


def test_a_row_matching_area_and_name_updates_the_system_and_another_is_added(town):
    staff = member(Role.STAFF, town)
    kept = SystemInUseFactory(municipality=town, area=SystemAreaFactory(name="住民記録"), vendor="NEC")
    other = SystemInUseFactory(municipality=town, area=SystemAreaFactory(name="税務"), name="税務システム")
    rows = [_row(), _row(area="税務", name="滞納管理システム", vendor="TKC")]

    planned = _feed().preview(municipality=town, rows=rows)
    assert [(c.row, c.action) for c in planned] == [(1, "update"), (2, "create")]
    assert SystemInUse.objects.filter(municipality=town).count() == 2

    done = _feed().apply(actor=staff, municipality=town, rows=rows)

    assert [(c.row, c.action) for c in done] == [(1, "update"), (2, "create")]
    kept.refresh_from_db()
    assert (kept.vendor, kept.contract_end, kept.annual_cost) == (
        "奈良システム株式会社",
        datetime.date(2029, 3, 31),
        42_000_000,
    )
    assert kept.updated_by == staff
    added = SystemInUse.objects.get(municipality=town, name="滞納管理システム")
    assert (added.area.name, added.vendor, added.updated_by) == ("税務", "TKC", staff)
    assert SystemInUse.objects.filter(pk=other.pk).exists(), "a row left out is never deleted"


def test_an_unknown_business_area_is_refused_by_row_and_nothing_is_saved(town):
    staff = member(Role.STAFF, town)
    rows = [_row(), _row(area="ごみ収集", name="収集管理"), _row(name="", contract_end="2020-01-01")]

    with pytest.raises(FeedError) as refused:
        _feed().apply(actor=staff, municipality=town, rows=rows)

    assert refused.value.messages[0].startswith("2行目：業務分野「ごみ収集」は登録されていません")
    assert refused.value.messages[1].startswith("3行目：")
    assert "「システム名」が空です" in refused.value.messages[1]
    assert "契約終了は契約開始より後の日付にしてください" in refused.value.messages[1]
    assert not SystemInUse.objects.filter(municipality=town).exists()


def test_only_those_who_keep_the_inventory_may_apply_a_feed(town):
    another = member(Role.STAFF, MunicipalityFactory(name="河合町", kana="かわいちょう"))
    with pytest.raises(PermissionDenied):
        _feed().apply(actor=another, municipality=town, rows=[_row()])
    assert not SystemInUse.objects.filter(municipality=town).exists()
