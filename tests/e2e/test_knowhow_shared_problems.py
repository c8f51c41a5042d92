"""「この団体に聞く」 and shared problems in a real browser, with axe: staff on a case study's page ask its
municipalities; a member of staff of one of them finds the notice; an advisor sees the question among the
problems several municipalities share and invites them to consult together."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from knowhow import services
from knowhow.models import Post
from portal.models import Role, SystemArea
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, case_study, member, run_tasks

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_ask_a_case_the_addressed_staff_are_told_and_an_advisor_invites_them(visit):
    # Browser tests flush the tables afterwards, so the migrated taxonomy may be gone: make sure.
    SystemArea.objects.get_or_create(name="公有財産", defaults={"order": 90})
    tenri = MunicipalityFactory(name="天理市", kana="てんりし")
    kawai = MunicipalityFactory(name="河合町", kana="かわいちょう")
    oji = MunicipalityFactory(name="王寺町", kana="おうじちょう")
    asker, kawai_staff, oji_staff = (
        member(Role.STAFF, tenri),
        member(Role.STAFF, kawai),
        member(Role.STAFF, oji),
    )
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    case = case_study(title="公有財産管理システムの共同利用", municipalities=[kawai, oji])

    s = visit()
    log_in(s, asker)
    s.page.goto(case.get_url())
    s.page.get_by_role("link", name="この団体に聞く").click()
    s.page.wait_for_url(f"**/knowhow/ask/case_study/{case.pk}/")
    assert "王寺町、河合町" in s.page.locator(".summary-list").inner_text()
    assert (
        s.page.get_by_label("タイトル").input_value()
        == "事例「公有財産管理システムの共同利用」について教えてください"
    )
    assert s.axe_violations() == []
    s.page.get_by_label("本文").fill("費用の按分はどのように決めましたか。")
    s.page.get_by_role("checkbox", name="公有財産").check()
    s.page.get_by_role("button", name="質問を公開する").click()
    s.page.wait_for_selector("text=質問を公開しました。")
    assert (
        "王寺町、河合町への質問（事例「公有財産管理システムの共同利用」から）"
        in s.page.locator("article").first.inner_text()
    )
    assert s.axe_violations() == []
    run_tasks()

    k = visit()
    log_in(k, kawai_staff)
    k.page.goto("/notifications/")
    notice = k.page.get_by_role(
        "link",
        name="あなたの団体あてに質問「事例「公有財産管理システムの共同利用」について教えてください」が届きました。",
    )
    assert k.axe_violations() == []
    notice.click()
    k.page.wait_for_selector("text=費用の按分はどのように決めましたか。")
    k.page.get_by_role("button", name="うちも同じ（河合町）").click()
    k.page.wait_for_selector("text=（河合町 は「うちも同じ」を付けています）")
    question = Post.objects.get(asked_from_source="case_study")
    services.same_problem_mark(actor=oji_staff, post_id=question.pk)

    a = visit()
    log_in(a, advisor)
    a.page.get_by_role("link", name="複数の団体に共通する課題").click()
    a.page.wait_for_url("**/knowhow/shared-problems/")
    row = a.page.get_by_role("row").filter(has_text="公有財産管理システムの共同利用")
    assert "3 団体" in row.first.inner_text() and "天理市" in row.first.inner_text()
    assert a.axe_violations() == []
    row.first.get_by_role("link", name="共同相談を呼びかける").click()
    a.page.wait_for_url(f"**/shared-problems/questions/{question.pk}/invite/")
    assert a.axe_violations() == []
    a.page.get_by_role("button", name="呼びかけを送る").click()
    a.page.wait_for_selector("text=3 団体の職員に呼びかけを送りました。")
    assert "呼びかけ済み" in a.page.locator("main").inner_text()
    assert a.axe_violations() == []
    run_tasks()

    k.page.goto("/notifications/")
    k.page.get_by_role("link", name="団体への呼びかけが届きました（共同で相談する）").click()
    k.page.wait_for_url("**/consultations/new/**")
    assert k.page.get_by_role("checkbox", name="天理市").is_checked()
    assert k.page.get_by_role("checkbox", name="王寺町").is_checked()
    assert k.page.get_by_role("checkbox", name="公有財産").is_checked()
    assert k.axe_violations() == []
