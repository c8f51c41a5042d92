"""The search journey: type in the header box, pick a suggestion with the keyboard, filter by a facet,
open a result; axe finds nothing on the way."""

import pytest

from consultations.models import Category
from portal.models import Role
from tests.conftest import index_now
from tests.e2e.conftest import log_in
from tests.factories import MunicipalityFactory, consultation, member

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_staff_finds_a_consultation_from_the_header_box_and_through_a_facet(visit, search_indexes):
    kashiba = MunicipalityFactory(name="香芝市", kana="かしばし")
    staff = member(Role.STAFF, kashiba)
    wanted = consultation(staff, title="自治体クラウドへの移行計画", category=Category.PROCUREMENT)
    consultation(staff, title="住民記録システムのクラウド化", category=Category.CONTRACT)
    index_now()
    v = visit()
    log_in(v, staff)
    page = v.page

    box = page.get_by_role("combobox", name="サイト内検索")
    box.press_sequentially("じちた")
    option = page.get_by_role("option", name="自治体クラウドへの移行計画 — 相談")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert v.axe_violations() == []
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url(f"**/consultations/{wanted.reference}/")

    box = page.get_by_role("combobox", name="サイト内検索")
    box.fill("クラウド")
    page.get_by_role("option", name="住民記録システムのクラウド化 — 相談").wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator("main [role=status]").first.inner_text().startswith("2 件見つかりました")
    assert v.axe_violations() == []

    page.get_by_role("navigation", name="絞り込み").get_by_role("link", name="調達").click()
    page.wait_for_url("**category=procurement*")
    results = page.locator(".result__title a")
    assert results.count() == 1
    assert v.axe_violations() == []
    results.first.click()
    page.wait_for_url(f"**/consultations/{wanted.reference}/")
    assert v.foreign_requests() == []
