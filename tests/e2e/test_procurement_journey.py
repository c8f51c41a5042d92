"""The issue's journey in a real browser, axe-checked on every page it visits: 葛城市's staff found a group
with 河合町, find 広陵町 in the partner finder and invite it; 広陵町's staff accept from their notice; the
founders import the functions from a small CSV and both members judge their own column; a demo round is
set up, 広陵町's evaluator scores a vendor, the founder closes the round and records the decision."""

import datetime

import pytest

from portal.models import Role
from procurement.models import Decision, Fit, FitLevel, InvitationState, Member, RoundState, Score, Workspace
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, SystemAreaFactory, SystemInUseFactory, member, run_tasks

pytestmark = pytest.mark.django_db(transaction=True)

FUNCTIONS_CSV = "業務分野,機能,説明\n住民記録,住民票の写しの交付,窓口とコンビニ交付\n住民記録,転入届の受付,\n"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def _axe_clean(v) -> None:
    assert v.axe_violations() == [], v.page.url


def test_founders_create_a_group_invite_a_partner_who_accepts_fill_the_matrix_score_and_decide(visit):
    area = SystemAreaFactory(name="住民記録")
    katsuragi = MunicipalityFactory(name="葛城市", kana="かつらぎし", district="", population=37000)
    kawai = MunicipalityFactory(name="河合町", kana="かわいちょう", district="北葛城郡", population=17000)
    kouryou = MunicipalityFactory(
        name="広陵町", kana="こうりょうちょう", district="北葛城郡", population=35000
    )
    founder, partner = member(Role.STAFF, katsuragi), member(Role.STAFF, kouryou)
    member(Role.STAFF, kawai)
    SystemInUseFactory(municipality=katsuragi, area=area, contract_end=datetime.date(2028, 3, 31))
    SystemInUseFactory(municipality=kouryou, area=area, contract_end=datetime.date(2028, 6, 30))

    # The founders create the group.
    f = visit()
    log_in(f, founder)
    page = f.page
    page.goto("/procurement/new/")
    _axe_clean(f)
    page.get_by_label("名称").fill("葛城・河合 基幹システム共同化検討会")
    page.get_by_label("URL 用の名前").fill("katsuragi-kawai-kikan")
    page.get_by_label("住民記録").check()
    page.get_by_label("もう1つの発起団体").select_option(label="河合町")
    page.get_by_role("button", name="検討会を作る").click()
    page.wait_for_selector("text=検討会「葛城・河合 基幹システム共同化検討会」を作りました。")
    _axe_clean(f)
    workspace = Workspace.objects.get(slug="katsuragi-kawai-kikan")
    assert set(workspace.members.filter(is_founder=True).values_list("municipality__name", flat=True)) == {
        "葛城市",
        "河合町",
    }

    # They invite a partner from the workspace's partner finder.
    page.get_by_role("link", name="パートナー探し").click()
    page.wait_for_selector("text=広陵町")
    assert "契約終了が12か月以内に重なります" in page.locator("tbody tr", has_text="広陵町").inner_text()
    _axe_clean(f)
    page.get_by_role("button", name="広陵町に呼びかける").click()
    page.get_by_label("呼びかけの文面").fill("基幹システムの共同化を一緒に検討しませんか。")
    _axe_clean(f)
    page.get_by_role("button", name="呼びかける").click()
    page.wait_for_selector("text=広陵町に参加を呼びかけました。")
    _axe_clean(f)
    run_tasks()

    # The partner's staff accept from their notice.
    p = visit()
    log_in(p, partner)
    p.page.goto("/notifications/")
    _axe_clean(p)
    p.page.get_by_role(
        "link", name="「葛城・河合 基幹システム共同化検討会」から、参加の呼びかけが届きました。"
    ).click()
    p.page.wait_for_selector("text=基幹システムの共同化を一緒に検討しませんか。")
    _axe_clean(p)
    p.page.get_by_label("参加する").check()
    p.page.get_by_role("button", name="回答を送る").click()
    p.page.wait_for_selector("text=参加しました。検討会の資料を見られるようになりました。")
    _axe_clean(p)
    assert workspace.invitations.get().state == InvitationState.ACCEPTED
    assert Member.objects.filter(workspace=workspace, municipality=kouryou).exists()

    # The founder imports the functions from a small CSV, then judges 葛城市's column.
    page.get_by_role("link", name="機能適合分析").click()
    _axe_clean(f)
    page.get_by_role("link", name="機能を読み込む・追加する").first.click()
    _axe_clean(f)
    page.get_by_label("機能一覧のファイル").set_input_files(
        {"name": "functions.csv", "mimeType": "text/csv", "buffer": FUNCTIONS_CSV.encode("utf-8")}
    )
    page.get_by_role("button", name="読み込む").click()
    page.wait_for_selector("text=2 件の機能を読み込みました。")
    _axe_clean(f)
    assert workspace.functions.count() == 2
    page.get_by_label("転入届の受付：葛城市（判定）").select_option(label="カスタマイズ要")
    page.get_by_label("転入届の受付：葛城市のメモ").fill("独自の受付票を使っている")
    page.get_by_role("button", name="住民記録の判定を保存").click()
    page.wait_for_selector("text=1 か所の判定を保存しました。")
    _axe_clean(f)

    # The partner's staff judge their own column.
    p.page.get_by_role("link", name="機能適合分析").click()
    p.page.get_by_label("住民票の写しの交付：広陵町（判定）").select_option(label="標準で可")
    p.page.get_by_role("button", name="住民記録の判定を保存").click()
    p.page.wait_for_selector("text=1 か所の判定を保存しました。")
    _axe_clean(p)
    levels = dict(
        Fit.objects.filter(function__workspace=workspace).values_list("member__municipality__name", "level")
    )
    assert levels == {"葛城市": FitLevel.CUSTOMISE, "広陵町": FitLevel.STANDARD}

    # The founder sets up a demo round: two criteria, a vendor and its price.
    page.get_by_role("link", name="事業者評価").click()
    _axe_clean(f)
    page.get_by_role("link", name="評価を作成する").click()
    _axe_clean(f)
    page.get_by_label("評価の名称").fill("デモ評価（第1回）")
    page.get_by_role("button", name="作成する").click()
    page.wait_for_selector("text=評価項目と事業者を登録してください。")
    _axe_clean(f)
    for name, points in (("操作性", "40"), ("移行支援", "30")):
        page.get_by_role("textbox", name="評価項目").fill(name)
        page.get_by_role("spinbutton", name="配点").fill(points)
        page.get_by_role("button", name="評価項目を保存する").click()
        page.wait_for_selector(f"th:has-text('{name}')")
    page.get_by_label("事業者名").fill("飛鳥データサービス株式会社")
    page.get_by_role("button", name="事業者を追加する").click()
    page.get_by_role("combobox", name="事業者").select_option(label="飛鳥データサービス株式会社")
    page.get_by_role("spinbutton", name="提案価格（円）").fill("380000000")
    page.get_by_role("button", name="提案価格を保存する").click()
    page.wait_for_selector("td:has-text('380,000,000')")
    _axe_clean(f)
    round = workspace.rounds.get()

    # 広陵町's evaluator scores the vendor on their own sheet.
    p.page.get_by_role("link", name="事業者評価").click()
    p.page.get_by_role("link", name="デモ評価（第1回）").click()
    _axe_clean(p)
    p.page.get_by_role("link", name="自分の評価票で採点する").click()
    _axe_clean(p)
    p.page.get_by_role("link", name="飛鳥データサービス株式会社を採点する").click()
    p.page.get_by_role("spinbutton", name="操作性").fill("32")
    p.page.get_by_role("spinbutton", name="移行支援").fill("21")
    p.page.get_by_role("textbox", name="「移行支援」のコメント").fill("移行計画が具体的。")
    _axe_clean(p)
    p.page.get_by_role("button", name="採点を保存する").click()
    p.page.wait_for_selector("text=飛鳥データサービス株式会社 の採点を保存しました。")
    _axe_clean(p)
    assert Score.objects.filter(round=round, evaluator=partner).count() == 2

    # The founder closes the round, reads the results and records the decision.
    page.get_by_role("link", name="デモ評価（第1回）").click()
    _axe_clean(f)
    page.get_by_role("button", name="評価を締め切る").click()
    page.wait_for_selector("text=評価を締め切りました。")
    round.refresh_from_db()
    assert round.state == RoundState.CLOSED
    page.get_by_role("link", name="集計結果を見る").click()
    page.wait_for_selector("caption:has-text('（順位順）')")
    _axe_clean(f)
    page.get_by_role("link", name="デモ評価（第1回）").click()
    page.get_by_role("link", name="事業者決定を記録する").click()
    _axe_clean(f)
    page.get_by_label("飛鳥データサービス株式会社").check()
    page.get_by_label("選定の理由").fill("デモ評価で総合点が最も高く、移行計画が具体的だった。")
    page.get_by_role("button", name="記録する").click()
    page.wait_for_selector("text=事業者決定を記録しました。")
    _axe_clean(f)
    assert Decision.objects.get(round=round).vendor.name == "飛鳥データサービス株式会社"
