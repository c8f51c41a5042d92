"""The fit-gap summaries: counts per level per member and per area, the share of decided cells that
need customising, and the functions that block ノーカスタマイズ."""

from decimal import Decimal

import pytest

from portal.models import SystemArea
from procurement.fitgap import summarise
from procurement.models import FitLevel
from tests.factories import FitFactory, FunctionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def matrix(procurement_world):
    workspace = procurement_world["workspace"]
    founder, member = list(workspace.members.select_related("municipality"))
    records, tax = SystemArea.objects.get(name="住民記録"), SystemArea.objects.get(name="税務")
    functions = {
        name: FunctionFactory(workspace=workspace, area=area, name=name)
        for area, name in [
            (records, "住民票の写しの交付"),
            (records, "転入届の受付"),
            (records, "住民異動届の受付"),
            (tax, "個人住民税の賦課"),
            (tax, "固定資産税の賦課"),
        ]
    }
    levels = {
        ("住民票の写しの交付", founder): FitLevel.STANDARD,
        ("住民票の写しの交付", member): FitLevel.PARAMETER,
        ("転入届の受付", founder): FitLevel.CUSTOMISE,
        ("転入届の受付", member): FitLevel.OPERATION,
        ("住民異動届の受付", founder): FitLevel.NOT_NEEDED,
        ("個人住民税の賦課", member): FitLevel.CUSTOMISE,
        ("固定資産税の賦課", founder): "",  # a note while the vendor is asked: still 未判定
    }
    fits = [
        FitFactory(function=functions[name], member=who, level=level, note="SEに確認中" if not level else "")
        for (name, who), level in levels.items()
    ]
    ordered = sorted(functions.values(), key=lambda f: (f.area.order, f.order))
    return {
        "functions": ordered,
        "members": [founder, member],
        "fits": fits,
        "founder": founder,
        "member": member,
    }


def test_each_member_counts_its_own_column_per_level_and_the_cells_still_undecided(matrix):
    summary = summarise(matrix["functions"], matrix["members"], matrix["fits"])
    (founder, founder_tally), (member, member_tally) = summary.by_member
    assert founder == matrix["founder"] and member == matrix["member"]
    assert dict(founder_tally.rows()) == {
        "標準で可": 1,
        "パラメータで可": 0,
        "運用で対応": 0,
        "カスタマイズ要": 1,
        "不要": 1,
    }
    assert founder_tally.undecided == 2
    assert dict(member_tally.rows())["カスタマイズ要"] == 1
    assert member_tally.decided == 3 and member_tally.undecided == 2


def test_the_share_needing_customisation_is_over_decided_cells_only_to_one_decimal(matrix):
    summary = summarise(matrix["functions"], matrix["members"], matrix["fits"])
    (_, founder_tally), (_, member_tally) = summary.by_member
    # 1 of the founder's 3 decided cells (不要 counts as decided; 未判定 does not).
    assert founder_tally.customise_percent == Decimal("33.3")
    assert member_tally.customise_percent == Decimal("33.3")
    assert summary.overall.customise_percent == Decimal("33.3")


def test_a_member_with_nothing_decided_has_no_share_rather_than_zero(matrix):
    summary = summarise(matrix["functions"], matrix["members"], [])
    assert [tally.customise_percent for _, tally in summary.by_member] == [None, None]
    assert summary.overall.undecided == 10


def test_each_area_counts_every_members_cells_in_it(matrix):
    summary = summarise(matrix["functions"], matrix["members"], matrix["fits"])
    areas = {area.name: tally for area, tally in summary.by_area}
    assert list(areas) == ["住民記録", "税務"]
    assert areas["住民記録"].decided == 5 and areas["住民記録"].undecided == 1
    assert areas["住民記録"].customise_percent == Decimal("20.0")
    assert areas["税務"].decided == 1 and areas["税務"].customise_percent == Decimal("100.0")


def test_a_function_any_member_says_needs_customising_blocks_no_customisation_with_who_says_so(matrix):
    summary = summarise(matrix["functions"], matrix["members"], matrix["fits"])
    blocking = {
        blocker.function.name: [m.municipality.name for m in blocker.members] for blocker in summary.blockers
    }
    assert blocking == {"転入届の受付": ["葛城市"], "個人住民税の賦課": ["河合町"]}
