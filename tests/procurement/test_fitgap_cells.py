"""Filling the matrix: each member's staff judge their own column, the secretariat any cell (and is
recorded as the decider); two people filling different cells at once keep each other's work, and a
cell changed by someone else meanwhile is not overwritten unseen."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.models import SystemArea
from procurement.cells import CellChange, CellConflict
from procurement.models import Fit, FitLevel
from procurement.services_fitgap import fits_save
from tests.factories import FitFactory, FunctionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(procurement_world):
    workspace = procurement_world["workspace"]
    founder_column, member_column = list(workspace.members.select_related("municipality"))
    area = SystemArea.objects.get(name="住民記録")
    copies = FunctionFactory(workspace=workspace, area=area, name="住民票の写しの交付")
    moving_in = FunctionFactory(workspace=workspace, area=area, name="転入届の受付")
    return {
        **procurement_world,
        "founder_column": founder_column,
        "member_column": member_column,
        "copies": copies,
        "moving_in": moving_in,
    }


def change(function, member, level, note="", was=("", "")):
    return CellChange(function.pk, member.pk, level, note, *was)


def test_member_staff_set_their_own_column_and_are_recorded_as_the_decider(world):
    person = world["people"]["member"]
    fits_save(
        actor=person,
        workspace=world["workspace"],
        changes=[
            change(world["copies"], world["member_column"], FitLevel.OPERATION, "窓口の手順を変えて対応")
        ],
    )
    fit = Fit.objects.get()
    assert (fit.member, fit.level, fit.note, fit.decided_by) == (
        world["member_column"],
        FitLevel.OPERATION,
        "窓口の手順を変えて対応",
        person,
    )


def test_member_staff_cannot_set_another_members_column_and_nothing_is_saved(world):
    with pytest.raises(PermissionDenied):
        fits_save(
            actor=world["people"]["member"],
            workspace=world["workspace"],
            changes=[
                change(world["copies"], world["member_column"], FitLevel.STANDARD),
                change(world["copies"], world["founder_column"], FitLevel.STANDARD),
            ],
        )
    assert not Fit.objects.exists()


@pytest.mark.parametrize("who", ["secretariat", "consultant"])
def test_the_secretariat_and_the_consultant_set_any_cell_and_are_recorded(world, who):
    person = world["people"][who]
    fits_save(
        actor=person,
        workspace=world["workspace"],
        changes=[
            change(world["copies"], world["member_column"], FitLevel.STANDARD),
            change(world["copies"], world["founder_column"], FitLevel.CUSTOMISE, "独自の様式が必要"),
        ],
    )
    assert set(Fit.objects.values_list("member__municipality__name", "level", "decided_by")) == {
        ("河合町", FitLevel.STANDARD, person.pk),
        ("葛城市", FitLevel.CUSTOMISE, person.pk),
    }


@pytest.mark.parametrize("who", ["advisor", "official", "invited", "outsider"])
def test_those_outside_the_group_set_no_cell(world, who):
    with pytest.raises(PermissionDenied):
        fits_save(
            actor=world["people"][who],
            workspace=world["workspace"],
            changes=[change(world["copies"], world["member_column"], FitLevel.STANDARD)],
        )
    assert not Fit.objects.exists()


def test_two_people_filling_different_cells_of_the_same_page_keep_each_others_work(world):
    # Both opened the page while every cell was blank; each posts the whole page's cells back.
    founder, member = world["people"]["founder"], world["people"]["member"]
    fits_save(
        actor=member,
        workspace=world["workspace"],
        changes=[
            change(world["copies"], world["member_column"], FitLevel.PARAMETER),
            change(world["moving_in"], world["member_column"], ""),
        ],
    )
    fits_save(
        actor=world["people"]["secretariat"],
        workspace=world["workspace"],
        changes=[
            change(world["copies"], world["member_column"], ""),  # untouched on this page
            change(world["moving_in"], world["member_column"], FitLevel.STANDARD),
        ],
    )
    fits_save(
        actor=founder,
        workspace=world["workspace"],
        changes=[change(world["copies"], world["founder_column"], FitLevel.STANDARD)],
    )
    assert set(Fit.objects.values_list("function__name", "member__municipality__name", "level")) == {
        ("住民票の写しの交付", "河合町", FitLevel.PARAMETER),
        ("転入届の受付", "河合町", FitLevel.STANDARD),
        ("住民票の写しの交付", "葛城市", FitLevel.STANDARD),
    }


def test_a_cell_someone_else_changed_meanwhile_is_not_overwritten_and_nothing_of_the_batch_is_saved(world):
    FitFactory(function=world["copies"], member=world["member_column"], level=FitLevel.CUSTOMISE)
    with pytest.raises(CellConflict) as raised:
        fits_save(
            actor=world["people"]["member"],
            workspace=world["workspace"],
            changes=[
                change(world["copies"], world["member_column"], FitLevel.STANDARD),  # drawn while blank
                change(world["moving_in"], world["member_column"], FitLevel.STANDARD),
            ],
        )
    assert raised.value.current == {(world["copies"].pk, world["member_column"].pk): (FitLevel.CUSTOMISE, "")}
    assert "ほかの人が変更" in raised.value.messages[0]
    assert list(Fit.objects.values_list("function__name", "level")) == [
        ("住民票の写しの交付", FitLevel.CUSTOMISE)
    ]


def test_sending_the_same_page_twice_is_harmless(world):
    edits = [change(world["copies"], world["member_column"], FitLevel.OPERATION, "運用で対応")]
    for _ in range(2):
        fits_save(actor=world["people"]["member"], workspace=world["workspace"], changes=edits)
    assert Fit.objects.get().level == FitLevel.OPERATION


def test_a_cell_set_back_to_undecided_without_a_note_is_blank_again(world):
    FitFactory(function=world["copies"], member=world["member_column"], level=FitLevel.STANDARD)
    fits_save(
        actor=world["people"]["member"],
        workspace=world["workspace"],
        changes=[change(world["copies"], world["member_column"], "", was=(FitLevel.STANDARD, ""))],
    )
    assert not Fit.objects.exists()
