"""The desk's journey in a real browser: staff file with an attachment, the advisor (with TOTP) takes
it, replies and notes internally, staff see the reply but never the note, resolve and rate it."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from consultations.models import Consultation, Rating, Status
from portal.models import Membership, Role
from tests.conftest import TOTP_SECRET
from tests.consultations import pdfs
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, SystemAreaFactory, member
from tests.factories import consultation as file_consultation

pytestmark = pytest.mark.django_db(transaction=True)

PDF = pdfs.plain()


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def test_staff_files_advisor_answers_staff_resolves_and_rates(visit):
    # Browser tests flush the tables afterwards, so the migrated taxonomy may be gone: make sure.
    SystemAreaFactory(name="住民記録")
    town = MunicipalityFactory(name="香芝市", kana="かしばし")
    staff = member(Role.STAFF, town)
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)

    # Staff file a consultation with an attachment.
    s = visit()
    log_in(s, staff)
    s.page.goto("/consultations/new/")
    assert s.axe_violations() == []
    s.page.get_by_label("件名").fill("住民記録システムの共同調達")
    s.page.get_by_label("相談内容").fill("近隣町と共同で調達したいが、仕様の取りまとめ方が分かりません。")
    s.page.get_by_label("分類").select_option(label="調達")
    s.page.get_by_role("checkbox", name="住民記録").check()
    s.page.get_by_label("添付ファイル").set_input_files(
        files=[{"name": "現行仕様書.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    s.page.get_by_role("button", name="相談を送る").click()
    s.page.wait_for_url("**/consultations/C-*/")
    assert "相談を受け付けました" in s.page.locator(".messages").inner_text()
    consultation = Consultation.objects.get()
    assert s.page.get_by_role("link", name="現行仕様書.pdf").count() == 1
    assert s.axe_violations() == []

    # The advisor, past TOTP, takes it, replies and writes an internal note.
    a = visit()
    log_in(a, advisor)
    a.page.goto("/consultations/")
    assert a.axe_violations() == []
    a.page.get_by_role("link", name=consultation.reference).click()
    a.page.get_by_role("button", name="担当にする").click()
    a.page.wait_for_selector("text=担当を")
    reply_form = a.page.locator("form[action$='/reply/']")
    reply_form.get_by_label("返信").fill("共同調達の仕様書ひな形をお送りします。")
    reply_form.get_by_role("button", name="返信を送る").click()
    a.page.wait_for_selector("text=返信を送りました。")
    note_form = a.page.locator("form[action$='/note/']")
    note_form.get_by_label("内部メモ").fill("前回の見積は割高だった。要注意。")
    note_form.get_by_role("button", name="内部メモを追加").click()
    a.page.wait_for_selector("text=内部メモを追加しました。")
    assert "前回の見積は割高だった" in a.page.locator("#thread + .thread").inner_text()
    assert a.axe_violations() == []
    for page in ("/consultations/dashboard/", "/consultations/visits/", "/notifications/"):
        a.page.goto(page)
        assert a.axe_violations() == [], page

    # Staff see the reply, not the note, mark it resolved and rate the help.
    s.page.goto(f"/consultations/{consultation.reference}/")
    thread = s.page.locator("#thread + .thread").inner_text()
    assert "共同調達の仕様書ひな形をお送りします。" in thread
    assert "割高" not in s.page.content()
    s.page.get_by_role("button", name="解決にする").click()
    s.page.wait_for_selector("text=状態を「解決」にしました。")
    s.page.get_by_role("group", name="満足度").get_by_label("5").check()
    s.page.get_by_role("group", name="課題は解決しましたか").get_by_label("はい").check()
    s.page.get_by_role("group", name="予定していた調達・変更は実施されましたか").get_by_label("はい").check()
    s.page.get_by_role("button", name="評価を送る").click()
    s.page.wait_for_selector("text=評価をありがとうございました。")
    assert s.axe_violations() == []

    consultation.refresh_from_db()
    assert consultation.status == Status.RESOLVED
    assert Rating.objects.get(consultation=consultation).score == 5
    assert s.foreign_requests() == [] and a.foreign_requests() == []


def test_a_colleague_asks_for_a_handover_and_the_leaver_confirms_it_on_a_page_that_says_what_happens(visit):
    town = MunicipalityFactory(name="香芝市", kana="かしばし")
    leaver, colleague, successor = (member(Role.STAFF, town) for _ in range(3))
    filed = file_consultation(leaver, title="税務システムの更改")

    # A colleague asks; nothing changes yet.
    c = visit()
    log_in(c, colleague)
    c.page.goto("/accounts/members/handover/")
    assert c.axe_violations() == []
    c.page.get_by_label("異動・退職する職員").select_option(label=f"{leaver.get_full_name()}（香芝市）")
    c.page.get_by_label("引継ぎ先の職員").select_option(label=successor.get_full_name())
    c.page.get_by_label("理由・連絡事項").fill("4月1日付で税務課へ異動")
    c.page.get_by_role("button", name="引継ぎを依頼する").click()
    c.page.wait_for_selector("text=引継ぎを依頼しました。")
    assert c.page.get_by_role("button", name="取り消す").count() == 1
    assert c.axe_violations() == []
    assert Consultation.objects.get(pk=filed.pk).requester == leaver

    # The leaver opens the request, reads what will happen, and confirms.
    v = visit()
    log_in(v, leaver)
    v.page.goto("/accounts/members/handover/")
    v.page.get_by_role("link", name="承認して引き継ぐ").click()
    v.page.wait_for_selector("text=承認すると行われること")
    effect = v.page.locator("section[aria-labelledby='effect-heading']").inner_text()
    assert "1 件" in effect and filed.reference in effect and "所属は終了" in effect
    assert v.axe_violations() == []
    v.page.get_by_role("button", name="承認して引き継ぐ").click()
    v.page.wait_for_selector("text=1 件を引き継ぎ")
    assert Consultation.objects.get(pk=filed.pk).requester == successor
    assert Membership.objects.get(user=leaver).state == Membership.State.ENDED

    # The colleague sees it in the history.
    c.page.goto("/accounts/members/handover/")
    assert "引継ぎ済み" in c.page.locator("section[aria-labelledby='history-heading']").inner_text()
    assert c.foreign_requests() == [] and v.foreign_requests() == []


def test_staff_tick_two_partners_through_the_filter_and_file(visit):
    kashiba = MunicipalityFactory(name="香芝市", kana="かしばし", kind="市", district="")
    kawai = MunicipalityFactory(
        name="河合町", kana="かわいちょう", district="北葛城郡", district_kana="きたかつらぎぐん"
    )
    koryo = MunicipalityFactory(
        name="広陵町", kana="こうりょうちょう", district="北葛城郡", district_kana="きたかつらぎぐん"
    )
    MunicipalityFactory(
        name="上牧町", kana="かんまきちょう", district="北葛城郡", district_kana="きたかつらぎぐん"
    )
    MunicipalityFactory(name="平群町", kana="へぐりちょう", district="生駒郡", district_kana="いこまぐん")
    staff = member(Role.STAFF, kashiba)
    s = visit()
    log_in(s, staff)
    s.page.goto("/consultations/new/")
    picker = s.page.get_by_role("group", name="共同で相談する市町村")
    assert picker.get_by_role("group").all_inner_texts()[0].startswith("生駒郡")
    assert picker.get_by_role("checkbox", name="香芝市").count() == 0  # the filer itself
    assert s.axe_violations() == []

    search = s.page.get_by_label("市町村名で絞り込む")
    search.fill("かわい")
    assert picker.get_by_role("checkbox", name="上牧町").is_hidden()
    assert picker.get_by_role("group", name="生駒郡").is_hidden()
    picker.get_by_text("河合町").click()  # the label is the target, as on a touch screen
    search.fill("広陵")
    assert picker.get_by_role("checkbox", name="河合町").is_visible()  # ticked boxes stay in view
    picker.get_by_role("checkbox", name="広陵町").press("Space")
    assert s.axe_violations() == []

    s.page.get_by_label("件名").fill("基幹系の共同調達")
    s.page.get_by_label("相談内容").fill("近隣2町と共同で調達したい。")
    s.page.get_by_label("分類").select_option(label="調達")
    s.page.get_by_role("button", name="相談を送る").click()
    s.page.wait_for_url("**/consultations/C-*/")
    filed = Consultation.objects.get()
    assert set(filed.municipalities.all()) == {kashiba, kawai, koryo}
