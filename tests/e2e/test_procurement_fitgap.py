"""The fit-gap matrix and the common forms in a real browser: a member's staff judge a cell of their own
column and save the area with the plain-HTML form; the pages pass axe."""

import pytest

from procurement.models import Fit, FitLevel
from tests.e2e.conftest import log_in
from tests.factories import CommonFormFactory, FitFactory, FunctionFactory, SystemAreaFactory
from tests.procurement.conftest import build_procurement_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def test_member_staff_judge_a_function_in_their_column_and_the_pages_pass_axe(visit):
    world = build_procurement_world()
    workspace = world["workspace"]
    area = SystemAreaFactory(name="住民記録")
    workspace.areas.add(area)
    founder_column, _member_column = list(workspace.members.all())
    copies = FunctionFactory(workspace=workspace, area=area, name="住民票の写しの交付")
    moving_in = FunctionFactory(workspace=workspace, area=area, name="転入届の受付")
    FitFactory(function=moving_in, member=founder_column, level=FitLevel.CUSTOMISE, note="独自の受付票")
    CommonFormFactory(workspace=workspace, name="住民票の写し")

    v = visit()
    log_in(v, world["people"]["member"])
    v.page.goto(f"/procurement/{workspace.slug}/fit-gap/")
    assert v.axe_violations() == []
    v.page.get_by_label("住民票の写しの交付：河合町（判定）").select_option(label="運用で対応")
    v.page.get_by_label("住民票の写しの交付：河合町のメモ").fill("交付申請書の様式を共通化して対応")
    v.page.get_by_role("button", name="住民記録の判定を保存").click()
    v.page.wait_for_selector("text=1 か所の判定を保存しました。")
    fit = Fit.objects.get(function=copies)
    assert (fit.level, fit.note) == (FitLevel.OPERATION, "交付申請書の様式を共通化して対応")
    assert v.axe_violations() == []

    v.page.goto(f"/procurement/{workspace.slug}/forms/")
    assert v.axe_violations() == []


def test_the_import_page_passes_axe_with_its_messages_shown(visit):
    world = build_procurement_world()
    workspace = world["workspace"]
    workspace.areas.add(SystemAreaFactory(name="住民記録"))
    v = visit()
    log_in(v, world["people"]["founder"])
    v.page.goto(f"/procurement/{workspace.slug}/fit-gap/import/")
    assert v.axe_violations() == []
    v.page.get_by_role("button", name="追加する").click()
    v.page.wait_for_selector(".error-summary")
    assert v.axe_violations() == []
