"""A founder's evaluation journey in a real browser, axe-checked at each page: score a vendor on
their own sheet (the error summary first), close the round, read the results, record the decision."""

import re

import pytest
from playwright.sync_api import expect

from procurement.models import Decision, RoundState, Score
from tests.e2e.conftest import log_in
from tests.factories import BidFactory, evaluation_round
from tests.procurement.conftest import build_procurement_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_founder_scores_a_vendor_closes_the_round_and_records_the_decision(visit):
    world = build_procurement_world()
    founder, workspace = world["people"]["founder"], world["workspace"]
    round = evaluation_round(workspace, title="デモ評価（第1回）", opened_by=founder)
    vendor = round.vendors.get(name="飛鳥データサービス株式会社")
    BidFactory(round=round, vendor=vendor, price=380_000_000)
    v = visit()
    log_in(v, founder)
    page = v.page

    page.goto(f"/procurement/{workspace.slug}/evaluation/")
    assert v.axe_violations() == []
    page.get_by_role("link", name="デモ評価（第1回）").click()
    page.get_by_role("link", name="自分の評価票で採点する").click()
    assert v.axe_violations() == []
    page.get_by_role("link", name="飛鳥データサービス株式会社を採点する").click()
    page.get_by_role("spinbutton", name="操作性").fill("25")
    page.get_by_role("button", name="採点を保存する").click()
    # The click returns once the response starts arriving, before <title> is parsed.
    expect(page).to_have_title(re.compile("^エラー："))
    summary = page.locator(".error-summary").inner_text()
    assert "エラーが 2 件" in summary and "「移行支援」の点数を入力してください。" in summary
    assert v.axe_violations() == []
    page.get_by_role("spinbutton", name="操作性").fill("18")
    page.get_by_role("spinbutton", name="移行支援").fill("7")
    page.get_by_role("textbox", name="「移行支援」のコメント").fill("移行計画が具体的。")
    page.get_by_role("button", name="採点を保存する").click()
    page.wait_for_selector("text=飛鳥データサービス株式会社 の採点を保存しました。")
    assert Score.objects.filter(round=round, evaluator=founder).count() == 2

    page.get_by_role("link", name="デモ評価（第1回）").click()
    page.get_by_role("button", name="評価を締め切る").click()
    page.wait_for_selector("text=評価を締め切りました。")
    round.refresh_from_db()
    assert round.state == RoundState.CLOSED
    page.get_by_role("link", name="集計結果を見る").click()
    expect(page.get_by_role("table").first.locator("caption")).to_have_text(re.compile("（順位順）$"))
    assert v.axe_violations() == []

    page.get_by_role("link", name="デモ評価（第1回）").click()
    page.get_by_role("link", name="事業者決定を記録する").click()
    assert v.axe_violations() == []
    page.get_by_label("飛鳥データサービス株式会社").check()
    page.get_by_label("選定の理由").fill("デモ評価で総合点が最も高かった。")
    page.get_by_role("button", name="記録する").click()
    page.wait_for_selector("text=事業者決定を記録しました。")
    assert Decision.objects.get(round=round).vendor == vendor
    assert v.axe_violations() == []
