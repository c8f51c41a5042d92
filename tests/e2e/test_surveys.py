"""The survey journey in a real browser, with axe on every page: an advisor builds and sends a survey
to 香芝市 and 河合町, 香芝市 saves a draft (a number typed wrong first) then submits, 河合町 submits, and the
advisor reads the table with who answered and exports it to Excel."""

import io
from pathlib import Path

import openpyxl
import pytest
from allauth.mfa.totp.internal.auth import TOTP

from portal.models import Role
from surveys.models import Response, Survey
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.django_db(transaction=True)


def _answer(v, *, staff_count: str, system: str, submit: bool):
    v.page.get_by_label("数値（人）").fill(staff_count)
    v.page.get_by_label("1行目 システム").fill(system)
    v.page.get_by_label("1行目 年間費用（千円）").fill("3,600")
    v.page.get_by_role("button", name="提出する" if submit else "下書き保存").click()


def test_an_advisor_sends_a_survey_two_municipalities_answer_and_the_advisor_exports_the_table(visit):
    kashiba = MunicipalityFactory(name="香芝市", kana="かしばし", code="29210")
    kawai = MunicipalityFactory(name="河合町", kana="かわいちょう", code="29427")
    MunicipalityFactory(name="王寺町", kana="おうじちょう", code="29425")
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    kashiba_staff, kawai_staff = member(Role.STAFF, kashiba), member(Role.STAFF, kawai)

    a = visit()
    log_in(a, advisor)
    a.page.goto("/surveys/")
    assert a.axe_violations() == []
    a.page.get_by_role("link", name="照会を作成する").click()
    a.page.locator("#id_title").fill("基幹業務システムの利用状況調査")
    a.page.locator("#id_deadline_date").fill("2030-03-31")
    a.page.locator("#id_deadline_time").fill("17:00")
    a.page.get_by_role("radio", name="市町村を選ぶ").check()
    a.page.get_by_role("checkbox", name="香芝市").check()
    a.page.get_by_role("checkbox", name="河合町").check()
    assert a.axe_violations() == []
    a.page.get_by_role("button", name="保存する").click()
    a.page.wait_for_selector("text=照会を作成しました。")
    assert a.axe_violations() == []
    for kind, label, extra in [
        ("number", "情報システム担当の職員数", {"#id_question-unit": "人"}),
        (
            "table",
            "利用している基幹業務システム",
            {"#id_question-columns": "システム:文章\n年間費用（千円）:数値"},
        ),
    ]:
        a.page.locator("#id_question-kind").select_option(kind)
        a.page.locator("#id_question-label").fill(label)
        for selector, value in extra.items():
            a.page.locator(selector).fill(value)
        a.page.get_by_role("button", name="質問を追加する").click()
        a.page.wait_for_selector("text=質問を追加しました。")
    a.page.get_by_role("button", name="照会を送信する").click()
    a.page.wait_for_selector("text=照会を送信しました。")
    assert a.axe_violations() == []
    survey = Survey.objects.get()
    assert survey.state == "open"

    k = visit()
    log_in(k, kashiba_staff)
    k.page.goto("/surveys/")
    k.page.get_by_role("link", name="基幹業務システムの利用状況調査").click()
    k.page.wait_for_url(f"**/surveys/{survey.pk}/answer/")
    assert k.axe_violations() == []
    _answer(k, staff_count="二人", system="住民記録", submit=False)
    assert "数値で入力してください" in k.page.locator(".error-summary").inner_text()
    assert k.axe_violations() == []
    k.page.get_by_role("button", name="行を追加").click()
    assert k.page.get_by_label("2行目 システム").input_value() == ""
    _answer(k, staff_count="2", system="住民記録", submit=False)
    k.page.wait_for_selector("text=下書きを保存しました。")
    assert Response.objects.get(municipality=kashiba).state == "draft"
    k.page.get_by_role("button", name="提出する").click()
    k.page.wait_for_selector("text=回答を提出しました。")
    assert k.axe_violations() == []

    w = visit()
    log_in(w, kawai_staff)
    w.page.goto(f"/surveys/{survey.pk}/answer/")
    _answer(w, staff_count="1", system="税務", submit=True)
    w.page.wait_for_selector("text=回答を提出しました。")

    a.page.goto(f"/surveys/{survey.pk}/")
    assert "2 団体中 2 団体が提出しました。" in a.page.content()
    a.page.get_by_role("link", name="集計表を見る").click()
    table = a.page.get_by_role("table", name="回答一覧（市町村 × 質問）")
    assert table.get_by_role("row").nth(1).inner_text().startswith("香芝市")
    assert "2人" in table.inner_text() and "1人" in table.inner_text()
    assert a.axe_violations() == []
    with a.page.expect_download() as download:
        a.page.get_by_role("link", name="Excel（xlsx）でダウンロード").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert [row[0].value for row in book.worksheets[0].iter_rows(min_row=2)] == ["香芝市", "河合町"]
    assert book.worksheets[1]["B2"].value == "住民記録"
    assert a.foreign_requests() == [] and k.foreign_requests() == []
