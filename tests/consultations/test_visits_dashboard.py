"""出前相談, the dashboard's aggregates and the municipalities nobody has heard from, and handover."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import counts, selectors, services
from consultations.models import (
    Consultation,
    NotificationKind,
    Rating,
    Status,
    Visit,
)
from portal.models import HandoverRequest, Membership, Notification, Role
from tests.factories import MunicipalityFactory, VisitFactory, consultation, member, run_tasks

pytestmark = pytest.mark.django_db


def test_staff_ask_for_a_visit_and_the_advisor_schedules_it(client, log_in, desk):
    staff, advisor = desk["people"]["staff_own"], desk["people"]["advisor"]
    log_in(staff)
    client.post(
        reverse("consultations:request_visit", args=[desk["c"].reference]), {"preferred_dates": "12月1日午後"}
    )
    visit = Visit.objects.get()
    assert (visit.municipality, visit.consultation, visit.state) == (
        desk["own"],
        desk["c"],
        Visit.State.REQUESTED,
    )
    log_in(advisor)
    assert "12月1日午後" in client.get(reverse("consultations:visits")).content.decode()
    response = client.post(
        reverse("consultations:visit_edit", args=[visit.pk]),
        {
            "form": "schedule",
            "scheduled_on": "2026-12-01",
            "scheduled_time": "14:00",
            "place": "香芝市役所 3階",
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.state == Visit.State.SCHEDULED
    run_tasks()
    assert Notification.objects.filter(recipient=staff, kind=NotificationKind.VISIT).exists()


def test_upcoming_visits_are_listed_by_date(desk):
    advisor = desk["people"]["advisor"]
    today = timezone.localdate()
    later = VisitFactory(
        municipality=desk["own"], state="scheduled", scheduled_on=today + datetime.timedelta(days=9)
    )
    sooner = VisitFactory(
        municipality=desk["other"], state="scheduled", scheduled_on=today + datetime.timedelta(days=2)
    )
    VisitFactory(
        municipality=desk["other"], state="scheduled", scheduled_on=today - datetime.timedelta(days=2)
    )
    listed = [v for v in selectors.upcoming_visits(advisor, today=today) if v.state == "scheduled"]
    assert listed == [sooner, later]


def test_municipalities_without_contact_for_six_months_are_listed_and_a_visit_counts_as_contact():
    staff = member(Role.STAFF)
    quiet = MunicipalityFactory(name="野迫川村", kana="のせがわむら")
    visited = MunicipalityFactory(name="十津川村", kana="とつかわむら")
    old = MunicipalityFactory(name="上北山村", kana="かみきたやまむら")
    consultation(staff)
    VisitFactory(municipality=visited, preferred_dates="")  # a 御用聞き round, no consultation
    old_one = consultation(member(Role.STAFF, old))
    filed_at = timezone.now() - datetime.timedelta(days=200)
    Consultation.objects.filter(pk=old_one.pk).update(created_at=filed_at)
    counts.recount()  # the update bypassed the services that keep the counts
    found = selectors.municipalities_without_contact(today=timezone.localdate())
    assert quiet in found and old in found
    assert visited not in found and access_municipality(staff) not in found
    last = {m.name: m.last_consultation for m in found}
    assert (last["上北山村"], last["野迫川村"]) == (filed_at, None)


def access_municipality(user):
    return user.current_membership.municipality


def test_officials_see_aggregates_but_no_consultation_text(client, log_in, desk):
    staff, advisor = desk["people"]["staff_own"], desk["people"]["advisor"]
    services.consultation_transition(consultation_id=desk["c"].pk, actor=advisor, to=Status.RESOLVED)
    services.consultation_rate(
        consultation_id=desk["c"].pk, actor=staff, score=4, solved="yes", went_ahead="yes"
    )
    log_in(desk["people"]["official"])
    page = client.get(reverse("consultations:dashboard")).content.decode()
    assert "4.0" in page  # average satisfaction
    assert desk["c"].title not in page and desk["c"].reference not in page
    assert "共同調達をお勧め" not in page
    assert Rating.objects.count() == 1


def test_the_dashboard_links_each_quiet_municipality_to_plan_a_visit(client, log_in, desk):
    quiet = MunicipalityFactory(name="野迫川村", kana="のせがわむら")
    log_in(desk["people"]["advisor"])
    page = client.get(reverse("consultations:dashboard")).content.decode()
    assert f"{reverse('consultations:visits')}?municipality={quiet.pk}" in page


def test_a_colleagues_handover_request_through_the_page_moves_nothing_yet(client, log_in, desk):
    leaver = desk["people"]["staff_own"]
    colleague = member(Role.STAFF, desk["own"])
    successor = member(Role.STAFF, desk["own"])
    log_in(colleague)
    response = client.post(
        reverse("handover"), {"leaver": leaver.current_membership.pk, "successor": successor.pk}
    )
    assert response.status_code == 302
    assert Consultation.objects.get(pk=desk["c"].pk).requester == leaver
    assert Membership.objects.get(user=leaver).state == Membership.State.ACTIVE


def test_staff_cannot_ask_to_hand_over_members_of_another_municipality(client, log_in, desk):
    outsider = desk["people"]["staff_other"]
    log_in(outsider)
    response = client.post(
        reverse("handover"),
        {"leaver": desk["people"]["staff_own"].current_membership.pk, "successor": outsider.pk},
    )
    assert response.status_code == 200  # the leaver is not among the choices
    assert not HandoverRequest.objects.exists()


def test_staff_ask_for_a_visit_without_a_consultation_and_see_only_their_own_visits(client, log_in, desk):
    staff = desk["people"]["staff_own"]
    VisitFactory(municipality=desk["other"], preferred_dates="河合町の希望日")
    log_in(staff)
    response = client.post(
        reverse("consultations:visits"), {"preferred_dates": "1月中旬", "municipality": desk["other"].pk}
    )
    assert response.status_code == 302
    visit = Visit.objects.get(preferred_dates="1月中旬")
    assert (visit.municipality, visit.consultation, visit.requested_by) == (desk["own"], None, staff)
    page = client.get(reverse("consultations:visits")).content.decode()
    assert "1月中旬" in page and "河合町の希望日" not in page


def test_contact_is_decided_to_the_hour_at_the_start_of_the_six_months(settings):
    today = timezone.localdate()
    since_date = today - datetime.timedelta(days=round(settings.CONSULTATION_NO_CONTACT_MONTHS * 30.44))
    since = timezone.make_aware(datetime.datetime.combine(since_date, datetime.time()))
    just_in = MunicipalityFactory(name="曽爾村", kana="そにむら")
    just_out = MunicipalityFactory(name="御杖村", kana="みつえむら")
    for municipality, filed_at in (
        (just_in, since + datetime.timedelta(hours=1)),
        (just_out, since - datetime.timedelta(hours=1)),
    ):
        filed = consultation(member(Role.STAFF, municipality))
        Consultation.objects.filter(pk=filed.pk).update(created_at=filed_at)
    counts.recount()

    found = selectors.municipalities_without_contact(today=today)

    assert just_out in found and just_in not in found
