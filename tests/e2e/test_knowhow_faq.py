"""A FAQ from a solved consultation in a real browser, with axe on every page: the advisor presses
「FAQとして公開」, saves the masked draft and asks for consent; 香芝市's staff consent and it is
published for 河合町 too; 香芝市 withdraws (and still reads its FAQ) and 河合町 gets 404."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from consultations import services as desk
from consultations.models import Status
from knowhow.models import ConsentState, Faq, VendorName
from portal.models import Role
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, consultation, member

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_advisor_makes_a_faq_kashiba_consents_then_withdraws(visit):
    kashiba = MunicipalityFactory(name="香芝市", kana="かしばし")
    requester = member(Role.STAFF, kashiba)
    colleague = member(Role.STAFF, kashiba)
    reader = member(Role.STAFF, MunicipalityFactory(name="河合町", kana="かわいちょう"))
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    VendorName.objects.create(name="株式会社ヤマトデータ")
    c = consultation(
        requester,
        title="香芝市の財務会計システムの保守料の値上げ",
        body="株式会社ヤマトデータ（090-1234-5678）から、保守料を年額480万円から560万円にしたいと連絡がありました。",
    )
    desk.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    desk.message_post(
        consultation_id=c.pk, actor=advisor, body=f"{requester.last_name}さん、作業時間の実績を求めましょう。"
    )
    desk.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)

    a = visit()
    log_in(a, advisor)
    a.page.goto(f"/consultations/{c.reference}/")
    a.page.get_by_role("link", name="FAQとして公開").click()
    a.page.wait_for_url(f"**/knowhow/faq/new/consultation/{c.pk}/")
    body = a.page.get_by_label("本文").input_value()
    assert "［事業者名］" in body and "［金額］" in body and "［電話番号］" in body and "［氏名］さん" in body
    assert "ヤマトデータ" not in body and requester.last_name not in body
    assert a.page.get_by_label("タイトル").input_value() == "［〇〇市］の財務会計システムの保守料の値上げ"
    assert a.axe_violations() == []
    a.page.get_by_label("タイトル").fill("保守料の値上げに根拠を求めるには")
    a.page.get_by_role("button", name="下書きを保存する").click()
    a.page.wait_for_selector("text=FAQの下書きを保存しました。")
    assert a.axe_violations() == []
    a.page.get_by_role("button", name="同意を依頼").click()
    a.page.wait_for_selector("text=公開への同意を依頼しました。")
    post = Faq.objects.get().post

    s = visit()
    log_in(s, colleague)
    s.page.goto(f"/knowhow/{post.pk}/")
    assert s.page.get_by_role("heading", name="保守料の値上げに根拠を求めるには").count() == 1
    assert s.axe_violations() == []
    s.page.get_by_role("button", name="公開に同意する").click()
    s.page.wait_for_selector("text=公開に同意しました。FAQを公開しました。")
    assert s.axe_violations() == []

    r = visit()
    log_in(r, reader)
    r.page.goto("/knowhow/?kind=faq")
    r.page.get_by_role("link", name="保守料の値上げに根拠を求めるには").click()
    r.page.wait_for_load_state()
    assert "閲覧数" in r.page.content() and c.reference not in r.page.content()
    assert r.axe_violations() == []

    s.page.goto(f"/knowhow/{post.pk}/")
    s.page.get_by_text("同意を撤回する").first.click()
    s.page.get_by_label("理由").fill("議会への説明の前のため、いったん取り下げます。")
    s.page.get_by_role("button", name="同意を撤回する").click()
    s.page.wait_for_selector("text=同意を撤回しました。FAQは非公開になりました。")
    # 香芝市 lands on its withdrawn FAQ, its reason in the record, not on a 404.
    assert s.page.get_by_role("cell", name="議会への説明の前のため、いったん取り下げます。").count() == 1
    assert s.axe_violations() == []
    assert Faq.objects.get().consent == ConsentState.WITHDRAWN

    response = r.page.goto(f"/knowhow/{post.pk}/")
    assert response.status == 404
