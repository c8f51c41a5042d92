"""The desk's forms and tables in a real browser: withdrawal is confirmed on its own page, the error
summary takes focus and links to each field, and the queue fits a phone without widening the page."""

import pytest
from playwright.sync_api import expect

from consultations.models import Consultation, Status
from portal.models import Role
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, consultation, member

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def test_withdrawal_goes_through_a_confirmation_page_that_can_be_cancelled(visit):
    staff = member(Role.STAFF, MunicipalityFactory(name="香芝市", kana="かしばし"))
    c = consultation(staff, title="取り下げるかもしれない相談")
    v = visit()
    log_in(v, staff)
    v.page.goto(f"/consultations/{c.reference}/")
    assert v.page.get_by_role("button", name="取り下げる").count() == 0  # a link to the next page only
    v.page.get_by_role("link", name="取り下げる").click()
    v.page.wait_for_url(f"**/consultations/{c.reference}/transition/withdrawn/**")
    assert v.page.get_by_role("heading", level=1).inner_text() == "この相談を取り下げますか"
    assert v.axe_violations() == []
    v.page.get_by_role("link", name="キャンセル").click()
    v.page.wait_for_url(f"**/consultations/{c.reference}/")
    assert Consultation.objects.get(pk=c.pk).status == Status.NEW

    v.page.get_by_role("link", name="取り下げる").click()
    v.page.get_by_role("button", name="取り下げる").click()
    v.page.wait_for_selector("text=状態を「取下げ」にしました。")
    assert Consultation.objects.get(pk=c.pk).status == Status.WITHDRAWN


def test_an_empty_consultation_form_shows_a_focused_summary_linking_to_each_field(visit):
    staff = member(Role.STAFF, MunicipalityFactory())
    v = visit()
    log_in(v, staff)
    v.page.goto("/consultations/new/")
    v.page.get_by_role("button", name="相談を送る").click()
    summary = v.page.locator(".error-summary")
    # The deferred script moves focus once the page is parsed: expect() waits for it.
    expect(summary).to_be_focused()
    assert v.page.title().startswith("エラー：")
    links = summary.get_by_role("link")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["#id_title", "#id_body"]
    assert v.axe_violations() == []
    links.first.click()
    assert v.page.evaluate("document.activeElement.id") == "id_title"
    border = v.page.locator("#id_title").evaluate("e => getComputedStyle(e).borderTopColor")
    assert border != v.page.locator("#id_desired_answer_on").evaluate(
        "e => getComputedStyle(e).borderTopColor"
    )


def test_the_staff_queue_at_375_px_scrolls_its_table_without_widening_the_page(visit):
    staff = member(Role.STAFF, MunicipalityFactory(name="大和郡山市", kana="やまとこおりやまし"))
    for n in range(3):
        consultation(staff, title=f"基幹業務システムの標準化に伴うガバメントクラウドへの移行計画{n}")
    v = visit()
    v.page.set_viewport_size({"width": 375, "height": 800})
    log_in(v, staff)
    v.page.goto("/consultations/")
    assert v.page.evaluate("document.documentElement.scrollWidth") <= 375
    region = v.page.get_by_role("region", name="相談 3 件")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls inside its region
    assert v.axe_violations() == []


def test_the_advisor_queue_at_1280_px_keeps_reference_numbers_on_one_line(visit):
    from allauth.mfa.totp.internal.auth import TOTP

    staff = member(Role.STAFF, MunicipalityFactory(name="香芝市", kana="かしばし"))
    for n in range(3):
        consultation(staff, title=f"共同利用する住民記録システムの次期更改に向けた仕様書の取りまとめ方法{n}")
    advisor = member(Role.ADVISOR)
    TOTP.activate(advisor, TOTP_SECRET)
    v = visit()
    v.page.set_viewport_size({"width": 1280, "height": 900})
    log_in(v, advisor)
    v.page.goto("/consultations/")
    lines = v.page.locator("td.reference a").evaluate_all(
        "links => links.map(a => a.getClientRects().length)"
    )
    assert lines == [1, 1, 1]
    assert v.page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert v.axe_violations() == []
