"""A member of staff switches to English: reference data, notices and counts read in English, and the
pages stay free of WCAG A/AA violations."""

import pytest
from django.core.management import call_command

from consultations import services
from portal.models import Municipality, Role
from tests.e2e.conftest import log_in
from tests.factories import SystemAreaFactory, consultation, home_page, member, run_tasks

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded(transactional_db):
    home_page()
    # Browser tests flush the tables between tests, the system areas migration 0005 put in with them.
    SystemAreaFactory(name="住民記録")
    call_command("load_reference_data", verbosity=0)
    call_command("load_cases", verbosity=0)


def test_staff_reads_reference_data_and_a_japanese_notice_in_english(visit, seeded):
    staff = member(Role.STAFF, Municipality.objects.get(name="香芝市"))
    advisor = member(Role.ADVISOR)
    c = consultation(staff)
    services.message_post(consultation_id=c.pk, actor=advisor, body="回答です")
    run_tasks()

    v = visit()
    log_in(v, staff)
    v.page.get_by_role("button", name="English").click()
    v.page.wait_for_url(v.base + "/")
    assert v.page.locator(".user-box__role").inner_text() == "Municipal staff (Kashiba City)"

    v.page.goto("/notifications/")
    assert f"posted in consultation {c.reference}." in v.page.locator("main").inner_text()
    assert v.axe_violations() == []

    v.page.goto("/consultations/new/")
    assert v.page.get_by_label("Resident records").is_visible()
    assert v.page.get_by_role("checkbox", name="Ando Town").count() == 1
    # The partner filter matches English names whatever their case.
    v.page.get_by_label("Filter by municipality name").fill("kawa")
    assert v.page.get_by_role("checkbox", name="Kawai Town").is_visible()
    assert v.page.get_by_role("checkbox", name="Ando Town").is_hidden()
    assert v.axe_violations() == []

    v.page.goto("/cases/")
    assert v.page.get_by_role("option", name="Kitakatsuragi District").count() == 1
    assert v.page.get_by_role("heading", name="8 cases").is_visible()
    assert v.axe_violations() == []

    v.page.goto("/cases/adoption/")
    assert v.page.get_by_role("rowheader", name="Kashiba City").is_visible()
    assert v.axe_violations() == []

    v.page.goto("/cases/readiness/")
    assert (
        v.page.get_by_role("group", name="The SLA (service levels) is at the centre of the contract").count()
        == 1
    )
    assert v.axe_violations() == []
    assert v.foreign_requests() == []
