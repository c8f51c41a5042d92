"""A municipality's system inventory: who reads it, who keeps it, and what bad input is told."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from portal import access
from portal.models import Role
from procurement.models import SystemInUse
from procurement.services_inventory import InventoryError, inventory_add
from tests.factories import SystemAreaFactory, SystemInUseFactory, member

pytestmark = pytest.mark.django_db


def _reads(user, town) -> bool:
    return access.can(user, "procurement.inventory.view", town)


def test_its_own_staff_advisors_and_officials_read_a_municipalitys_inventory(procurement_world):
    people, towns = procurement_world["people"], procurement_world["towns"]
    assert _reads(people["outsider"], towns["outside"])
    assert _reads(people["advisor"], towns["outside"])
    assert _reads(people["official"], towns["outside"])
    assert not _reads(people["member"], towns["outside"])


def test_the_members_and_the_secretariat_of_a_workspace_read_each_members_inventory(procurement_world):
    people, towns = procurement_world["people"], procurement_world["towns"]
    assert _reads(people["founder"], towns["member"])
    assert _reads(people["member"], towns["founder"])
    assert _reads(people["secretariat"], towns["member"])


def test_a_consultant_reads_only_its_workspaces_members_inventories(procurement_world):
    people, towns = procurement_world["people"], procurement_world["towns"]
    consultant = people["consultant"]
    assert _reads(consultant, towns["founder"]) and _reads(consultant, towns["member"])
    assert not _reads(consultant, towns["outside"])
    assert not _reads(consultant, towns["invited"])
    assert not _reads(member(Role.CONSULTANT), towns["founder"])


def test_invited_staff_and_outsiders_do_not_read_a_workspaces_members_inventories(procurement_world):
    people, towns = procurement_world["people"], procurement_world["towns"]
    assert not _reads(people["invited"], towns["member"])
    assert not _reads(people["outsider"], towns["member"])


def test_only_its_own_staff_and_advisors_keep_an_inventory(procurement_world):
    people, towns = procurement_world["people"], procurement_world["towns"]
    town = towns["member"]
    may = {name: access.can(person, "procurement.inventory.edit", town) for name, person in people.items()}
    assert {name for name, allowed in may.items() if allowed} == {"member", "secretariat", "advisor"}


def test_staff_see_their_own_inventory_with_costs_and_the_contract_in_the_era(
    client, log_in, procurement_world
):
    town = procurement_world["towns"]["member"]
    SystemInUseFactory(municipality=town, vendor="TKC", annual_cost=12_345_678)
    log_in(procurement_world["people"]["member"])

    page = client.get("/procurement/inventory/").content.decode()

    assert "河合町のシステム 1 件" in page
    assert "TKC" in page and "12,345,678" in page
    assert "令和10年（2028年）3月31日" in page
    assert "システムを追加" in page


def test_a_fellow_member_reads_but_cannot_edit_and_an_outsider_gets_404(client, log_in, procurement_world):
    town = procurement_world["towns"]["member"]
    system = SystemInUseFactory(municipality=town)
    log_in(procurement_world["people"]["founder"])
    page = client.get(f"/procurement/inventory/?municipality={town.code}")
    assert page.status_code == 200 and "住民情報システム" in page.content.decode()
    assert "システムを追加" not in page.content.decode()
    assert client.get(f"/procurement/inventory/{town.code}/{system.pk}/edit/").status_code == 404

    client.logout()
    log_in(procurement_world["people"]["outsider"])
    assert client.get(f"/procurement/inventory/?municipality={town.code}").status_code == 404


def test_an_advisor_chooses_a_municipality_from_a_select(client, log_in, procurement_world):
    log_in(procurement_world["people"]["advisor"])
    page = client.get("/procurement/inventory/").content.decode()
    assert '<select name="municipality"' in page and "上牧町" in page


def _values(area, **changes):
    values = {
        "area": area.pk,
        "name": "税務システム",
        "vendor": "日立システムズ",
        "package": "ADWORLD",
        "contract_start": "2024-04-01",
        "contract_end": "2029-03-31",
        "annual_cost": "9800000",
        "note": "",
    }
    return {**values, **changes}


def test_staff_add_a_system_and_it_is_stored_with_who_added_it(client, log_in, procurement_world):
    town, staff = procurement_world["towns"]["member"], procurement_world["people"]["member"]
    area = SystemAreaFactory(name="税務")
    log_in(staff)

    response = client.post(f"/procurement/inventory/{town.code}/new/", _values(area))

    assert response.status_code == 302
    stored = SystemInUse.objects.get(municipality=town)
    assert (stored.vendor, stored.annual_cost, stored.updated_by) == ("日立システムズ", 9_800_000, staff)


def test_a_contract_ending_before_it_starts_is_told_next_to_the_field_and_nothing_is_saved(
    client, log_in, procurement_world
):
    town = procurement_world["towns"]["member"]
    area = SystemAreaFactory(name="税務")
    log_in(procurement_world["people"]["member"])

    response = client.post(
        f"/procurement/inventory/{town.code}/new/",
        _values(area, contract_end="2024-03-31", annual_cost="-5", vendor=""),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "契約終了日は契約開始日より後の日付にしてください。" in page
    assert "年間経費は0円以上で入れてください。" in page
    assert "事業者を入力してください。" in page
    assert 'value="ADWORLD"' in page
    assert not SystemInUse.objects.exists()


def test_the_service_refuses_a_contract_that_ends_before_it_starts_whoever_calls_it(procurement_world):
    with pytest.raises(InventoryError):
        inventory_add(
            actor=procurement_world["people"]["member"],
            municipality_id=procurement_world["towns"]["member"].pk,
            values={
                "area": SystemAreaFactory(name="税務"),
                "name": "税務システム",
                "vendor": "TKC",
                "contract_start": datetime.date(2025, 4, 1),
                "contract_end": datetime.date(2025, 4, 1),
            },
        )
    assert not SystemInUse.objects.exists()


def test_an_advisor_edits_and_staff_delete_and_a_second_delete_is_harmless(client, log_in, procurement_world):
    town = procurement_world["towns"]["member"]
    system = SystemInUseFactory(municipality=town)
    log_in(procurement_world["people"]["advisor"])
    client.post(f"/procurement/inventory/{town.code}/{system.pk}/edit/", _values(system.area, vendor="RKKCS"))
    system.refresh_from_db()
    assert system.vendor == "RKKCS"

    client.logout()
    log_in(procurement_world["people"]["member"])
    assert client.post(f"/procurement/inventory/{town.code}/{system.pk}/delete/").status_code == 302
    assert not SystemInUse.objects.exists()
    assert client.post(f"/procurement/inventory/{town.code}/{system.pk}/delete/").status_code == 404


def test_getting_the_delete_url_writes_nothing(client, log_in, procurement_world):
    town = procurement_world["towns"]["member"]
    system = SystemInUseFactory(municipality=town)
    log_in(procurement_world["people"]["member"])
    assert client.get(f"/procurement/inventory/{town.code}/{system.pk}/delete/").status_code == 405
    assert SystemInUse.objects.filter(pk=system.pk).exists()


def test_the_database_refuses_a_contract_that_ends_before_it_starts(procurement_world):
    with pytest.raises(IntegrityError), transaction.atomic():
        SystemInUseFactory(contract_start=datetime.date(2025, 4, 1), contract_end=datetime.date(2025, 3, 31))
