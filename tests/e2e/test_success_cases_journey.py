"""An official's journey through the success cases: browse, filter, open a case, compare two, adoption."""

import pytest
from django.core.management import call_command

from portal.models import Municipality, Role
from tests.e2e.conftest import log_in
from tests.factories import home_page, member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(transactional_db):
    home_page()
    call_command("load_reference_data", verbosity=0)
    call_command("load_cases", verbosity=0)


def test_official_browses_filters_opens_compares_and_reads_the_adoption_status(visit, seeded):
    official = member(Role.OFFICIAL)
    v = visit()
    log_in(v, official)

    v.page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="成功事例").click()
    v.page.wait_for_url(v.base + "/cases/")
    assert v.page.get_by_role("heading", level=1).inner_text() == "成功事例"
    assert v.axe_violations() == []

    v.page.get_by_label("導入形態").select_option(label="共同クラウド")
    v.page.get_by_role("button", name="この条件で表示").click()
    v.page.wait_for_url("**/cases/?*arrangement=joint_cloud*")
    cards = v.page.locator(".case-card h3")
    assert cards.all_inner_texts() == ["奈良県基幹システム共同化検討会（7団体の共同クラウド）"]

    v.page.get_by_role("link", name="奈良県基幹システム共同化検討会（7団体の共同クラウド）").click()
    v.page.wait_for_url("**/cases/nara-kikan-kyodoka-kentokai/")
    main_text = v.page.locator("main").inner_text()
    assert "平成23年（2011年）5月" in main_text
    assert "情報の時点：平成24年（2012年）" in main_text
    assert "最終確認日なし" not in main_text  # the advisors' prompt, not the public's
    assert v.axe_violations() == []
    v.page.get_by_role("button", name="比較リストに追加").click()
    v.page.wait_for_url("**/cases/nara-kikan-kyodoka-kentokai/")

    v.page.goto("/cases/tandoku-cloud/")
    v.page.get_by_role("button", name="比較リストに追加").click()
    v.page.wait_for_url("**/cases/tandoku-cloud/")

    v.page.goto("/cases/")
    assert "比較リスト（2件）" in v.page.locator(".compare-tray").inner_text()
    v.page.get_by_role("link", name="並べて比較する").click()
    v.page.wait_for_url("**/cases/compare/?ids=*")
    table = v.page.get_by_role("table", name="2件の事例の比較")
    arrangement_row = table.get_by_role("row").filter(has=v.page.get_by_role("rowheader", name="導入形態"))
    assert "違いあり" in arrangement_row.inner_text()
    assert "共同クラウド" in arrangement_row.inner_text() and "単独クラウド" in arrangement_row.inner_text()
    assert v.axe_violations() == []

    v.page.get_by_role("link", name="市町村の推進状況").first.click()
    v.page.wait_for_url("**/cases/adoption/")
    matrix = v.page.locator("table.matrix tbody tr")
    assert matrix.count() == Municipality.objects.count() == 39
    totals = v.page.locator("table.totals-table tbody tr").filter(has_text="戸籍")
    assert "10" in totals.inner_text() and "9" in totals.inner_text() and "不一致" in totals.inner_text()
    timeline = v.page.get_by_role("img", name="稼働開始の時系列")
    assert "2008" in timeline.inner_html() and "平成24年" in timeline.inner_html()
    assert v.axe_violations() == []
    assert v.foreign_requests() == []


@pytest.mark.parametrize("path", ["/cases/typology/", "/cases/readiness/", "/cases/like-mine/"])
def test_staff_pages_of_the_cases_area_have_no_wcag_violations(visit, seeded, path):
    staff = member(Role.STAFF, Municipality.objects.get(name="河合町"))
    v = visit()
    log_in(v, staff)
    v.page.goto(path)
    assert v.axe_violations() == []


def test_staff_answers_the_self_assessment_and_gets_a_prefilled_consultation_link(visit, seeded):
    staff = member(Role.STAFF, Municipality.objects.get(name="河合町"))
    v = visit()
    log_in(v, staff)
    v.page.goto("/cases/readiness/")
    groups = v.page.locator("fieldset.radio-group")
    for i in range(groups.count()):
        groups.nth(i).get_by_label("はい", exact=True).check()
    v.page.get_by_role("group", name="SLA（サービス水準）を契約の中心に据えている 必須").get_by_label(
        "いいえ"
    ).check()
    v.page.get_by_role("button", name="診断して保存する").click()
    v.page.wait_for_url("**/cases/readiness/*/")
    assert "ＳＬＡが契約の主役" in v.page.locator("main").inner_text()
    link = v.page.get_by_role("link", name="不足している点を相談窓口に相談する")
    assert link.get_attribute("href").startswith("/consultations/new/?title=")
    assert v.axe_violations() == []
    link.click()
    v.page.wait_for_url("**/consultations/new/?*")
    assert v.page.get_by_label("件名").input_value() == "共同化・クラウド化の準備について相談したい"
    assert "ＳＬＡが契約の主役" in v.page.get_by_label("相談内容").input_value()


def test_advisors_see_which_cases_to_check_again_without_wcag_violations(visit, seeded):
    from allauth.mfa.totp.internal.auth import TOTP

    from tests.conftest import TOTP_SECRET

    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    v = visit()
    log_in(v, advisor)
    v.page.goto("/cases/kikan-kyodo-riyo/")
    assert "最終確認日なし" in v.page.locator("main").inner_text()
    assert v.axe_violations() == []
    v.page.goto("/cases/stale/")
    assert v.page.get_by_role("table").get_by_role("row").count() == 9  # the header and the 8 seed cases
    assert v.axe_violations() == []
