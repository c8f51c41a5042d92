"""The partner finder and an invitation in a real browser, with axe on every page: 香芝市's staff record
a system (a contract that ends before it starts is told first), the founders' ranking puts 広陵町 first
with its reasons, they invite it, and 広陵町's staff read the reasons and join."""

import datetime

import pytest

from portal.models import Role
from procurement.models import InvitationState, Member
from tests.e2e.conftest import log_in
from tests.factories import (
    MunicipalityFactory,
    SystemAreaFactory,
    SystemInUseFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
    member,
    run_tasks,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_founders_record_a_system_find_a_partner_invite_it_and_it_joins(visit):
    area = SystemAreaFactory(name="住民記録")
    kashiba = MunicipalityFactory(name="香芝市", kana="かしばし", district="", population=79000)
    kouryou = MunicipalityFactory(
        name="広陵町", kana="こうりょうちょう", district="北葛城郡", population=35000
    )
    founder, partner = member(Role.STAFF, kashiba), member(Role.STAFF, kouryou)
    workspace = WorkspaceFactory(name="北葛城 基幹システム共同化検討会", created_by=founder)
    workspace.areas.set([area])
    WorkspaceMemberFactory(workspace=workspace, municipality=kashiba, is_founder=True, contact=founder)
    SystemInUseFactory(municipality=kouryou, area=area, contract_end=datetime.date(2028, 6, 30))

    f = visit()
    log_in(f, founder)
    f.page.goto("/procurement/inventory/")
    f.page.get_by_role("link", name="システムを追加").click()
    f.page.get_by_label("業務").select_option(label="住民記録")
    f.page.get_by_label("システム名").fill("住民情報システム")
    f.page.locator("#id_vendor").fill("NEC")
    f.page.get_by_label("契約開始日").fill("2023-04-01")
    f.page.get_by_label("契約終了日").fill("2023-03-31")
    f.page.get_by_role("button", name="保存する").click()
    f.page.wait_for_selector("text=入力内容にエラーが 1 件あります")
    assert f.page.get_by_label("システム名").input_value() == "住民情報システム"
    assert f.axe_violations() == []
    f.page.get_by_label("契約終了日").fill("2028-03-31")
    f.page.get_by_role("button", name="保存する").click()
    f.page.wait_for_selector("text=システムを台帳に追加しました。")
    assert f.axe_violations() == []

    f.page.goto(f"/procurement/{workspace.slug}/partners/")
    first = f.page.locator("tbody tr").first
    assert "広陵町" in first.inner_text() and "契約終了が12か月以内に重なります" in first.inner_text()
    assert f.axe_violations() == []
    f.page.get_by_role("button", name="広陵町に呼びかける").click()
    f.page.wait_for_selector("text=候補とした理由（呼びかけに添えて送ります）")
    assert f.axe_violations() == []
    f.page.get_by_label("呼びかけの文面").fill("次回の勉強会にご参加ください。")
    f.page.get_by_role("button", name="呼びかける").click()
    f.page.wait_for_selector("text=広陵町に参加を呼びかけました。")
    assert f.axe_violations() == []
    run_tasks()

    p = visit()
    log_in(p, partner)
    p.page.goto("/notifications/")
    notice = "「北葛城 基幹システム共同化検討会」から、参加の呼びかけが届きました。"
    p.page.get_by_role("link", name=notice).click()
    p.page.wait_for_selector("text=次回の勉強会にご参加ください。")
    assert p.page.get_by_text("住民記録（こちら 令和10年（2028年）3月", exact=False).count() == 1
    assert p.axe_violations() == []
    p.page.get_by_label("参加する").check()
    p.page.get_by_role("button", name="回答を送る").click()
    p.page.wait_for_selector("text=参加しました。検討会の資料を見られるようになりました。")
    assert p.axe_violations() == []

    assert workspace.invitations.get().state == InvitationState.ACCEPTED
    assert Member.objects.filter(workspace=workspace, municipality=kouryou, contact=partner).exists()
