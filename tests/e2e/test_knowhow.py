"""The know-how journey in a real browser, with axe on every page: staff of 香芝市 ask a question with a
tag and a PDF, staff of 河合町 answer it, the asker accepts the answer and the question shows 「解決済み」,
and the advisor marks the answer 「CIO補佐官確認済」."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from knowhow.models import Post
from portal.models import Role, SystemArea
from tests.conftest import TOTP_SECRET
from tests.consultations import pdfs
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.django_db(transaction=True)


def test_kashiba_asks_kawai_answers_the_asker_accepts_and_the_advisor_verifies(visit, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    # Browser tests flush the tables afterwards, so the migrated taxonomy may be gone: make sure.
    SystemArea.objects.get_or_create(name="ネットワーク・LGWAN", defaults={"order": 140})
    asker = member(Role.STAFF, MunicipalityFactory(name="香芝市", kana="かしばし"))
    answerer = member(Role.STAFF, MunicipalityFactory(name="河合町", kana="かわいちょう"))

    s = visit()
    log_in(s, asker)
    s.page.get_by_role("link", name="質問・ノウハウを投稿する").click()
    s.page.wait_for_url("**/knowhow/new/")
    assert s.axe_violations() == []
    # A first try without a title: the error summary names it and the body stays as typed.
    s.page.get_by_role("radio", name="質問").check()
    s.page.get_by_label("本文").fill("LGWAN接続系の端末しかない職場で、県とのWeb会議に参加したいです。")
    s.page.get_by_role("button", name="公開する").click()
    assert "タイトル：タイトルを入力してください。" in s.page.locator(".error-summary").inner_text()
    assert s.axe_violations() == []
    s.page.get_by_label("タイトル").fill("LGWAN接続系の端末でWeb会議に参加する方法")
    s.page.get_by_label("タグ").fill("LGWAN、Web会議")
    s.page.get_by_role("checkbox", name="ネットワーク・LGWAN").check()
    s.page.get_by_label("添付ファイル").set_input_files(
        {"name": "会議室の配線図.pdf", "mimeType": "application/pdf", "buffer": pdfs.plain()}
    )
    s.page.get_by_role("button", name="公開する").click()
    s.page.wait_for_url("**/knowhow/*/")
    assert "投稿を公開しました。" in s.page.locator(".messages").inner_text()
    assert s.page.get_by_text("未解決").count() >= 1
    assert s.axe_violations() == []
    question = Post.objects.get()
    assert list(question.tags.names().order_by("name")) == ["LGWAN", "Web会議"]
    assert s.page.get_by_role("link", name="会議室の配線図.pdf").count() == 1

    a = visit()
    log_in(a, answerer)
    a.page.get_by_role("navigation", name="メインメニュー").get_by_role("link", name="ノウハウ共有").click()
    a.page.wait_for_url("**/knowhow/")
    assert a.axe_violations() == []
    a.page.get_by_role("link", name="#LGWAN").first.click()
    a.page.get_by_role("link", name="LGWAN接続系の端末でWeb会議に参加する方法").click()
    a.page.get_by_role("textbox", name="回答").fill("仮想ブラウザ方式で、画面を転送して使っています。")
    a.page.get_by_role("button", name="回答を送る").click()
    a.page.wait_for_selector("text=回答を投稿しました。")
    a.page.get_by_role("button", name="うちも同じ（河合町）").click()
    a.page.wait_for_selector("text=「うちも同じ」を付けました。")
    assert "1 団体" in a.page.locator("dl").inner_text()
    assert a.axe_violations() == []

    s.page.reload()
    s.page.get_by_role("button", name="この回答で解決").click()
    s.page.wait_for_selector("text=この回答で解決済みにしました。")
    assert s.page.locator(".answer--accepted").count() == 1
    assert "解決済み" in s.page.locator("article").first.inner_text()
    assert s.axe_violations() == []
    assert Post.objects.get().accepted_answer is not None

    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    v = visit()
    log_in(v, advisor)
    v.page.goto(f"{v.base}/knowhow/{question.pk}/")
    v.page.locator(".answer--accepted").get_by_role("button", name="CIO補佐官確認済にする").click()
    v.page.wait_for_selector(".messages")
    assert "CIO補佐官確認済" in v.page.locator(".answer--accepted").inner_text()
    assert v.axe_violations() == []
    assert Post.objects.get().accepted_answer.verified_by == advisor

    # The asker corrects the title; the revisions page shows what changed, with axe at 0.
    s.page.get_by_role("link", name="編集する").click()
    s.page.get_by_label("タイトル").fill("LGWAN接続系の端末で県とのWeb会議に参加する方法")
    s.page.get_by_role("button", name="更新する").click()
    s.page.wait_for_selector("text=投稿を更新しました。")
    s.page.get_by_role("link", name="変更履歴").click()
    assert s.page.locator("ins").first.inner_text().startswith("［追加］")
    assert s.axe_violations() == []
    s.page.goto("/knowhow/drafts/")
    assert s.page.get_by_text("下書きはありません。").count() == 1
    assert s.axe_violations() == []
    assert s.foreign_requests() == [] and a.foreign_requests() == [] and v.foreign_requests() == []
