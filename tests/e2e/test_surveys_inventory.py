"""In a real browser, with axe: 香芝市 answers a survey whose table feeds the system inventory, submits,
and confirms the update of its inventory from the answer."""

import pytest

from portal.models import Role
from procurement.models import SystemInUse
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, SystemAreaFactory, member, survey

pytestmark = pytest.mark.django_db(transaction=True)

CELLS = {
    "業務分野": "住民記録",
    "システム名": "住民情報システム",
    "事業者": "奈良システム株式会社",
    "契約開始": "2024-04-01",
    "契約終了": "2029-03-31",
    "年額費用（円）": "42,000,000",
}


def test_a_municipality_confirms_the_inventory_update_from_its_submitted_answer(visit, tmp_path):
    SystemAreaFactory(name="住民記録")
    kashiba = MunicipalityFactory(name="香芝市", kana="かしばし", code="29210")
    staff = member(Role.STAFF, kashiba)
    feeding = survey(
        member(Role.ADVISOR),
        [kashiba],
        questions=[{"kind": "table", "label": "利用中の基幹業務システム", "feeds": "procurement.inventory"}],
    )

    k = visit()
    log_in(k, staff)
    k.page.goto(f"/surveys/{feeding.pk}/answer/")
    for column, value in CELLS.items():
        k.page.get_by_label(f"1行目 {column}").fill(value)
    k.page.get_by_role("button", name="提出する").click()
    k.page.wait_for_selector("text=回答を提出しました。")
    assert k.axe_violations() == []
    k.page.get_by_role("link", name="この回答でシステム台帳を更新する").click()
    table = k.page.get_by_role("table", name="「利用中の基幹業務システム」の行と、台帳への反映")
    assert "住民記録 住民情報システム" in table.inner_text() and "追加" in table.inner_text()
    assert k.axe_violations() == []
    k.page.screenshot(path=str(tmp_path / "confirmation.png"), full_page=True)
    k.page.get_by_role("button", name="確認して、システム台帳を更新する").click()
    k.page.wait_for_selector("text=システム台帳を更新しました（追加 1件、更新 0件）。")
    assert k.axe_violations() == []
    assert SystemInUse.objects.get(municipality=kashiba).vendor == "奈良システム株式会社"
    assert k.foreign_requests() == []
