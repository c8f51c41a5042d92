"""Registering for events: who may register whom, audiences, deadlines, the waiting list and promotion."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from events import services
from events.models import Registration, RegistrationState
from events.services import EventError
from portal.models import Notification, Role
from tests.factories import (
    EventFactory,
    MembershipFactory,
    MunicipalityFactory,
    member,
    registered,
    run_tasks,
)

pytestmark = pytest.mark.django_db


def test_staff_register_themselves_and_get_a_confirmed_seat():
    staff = member(Role.STAFF)
    event = EventFactory()
    registration = services.registration_create(actor=staff, event_id=event.pk, person_id=staff.pk)
    assert registration.state == RegistrationState.CONFIRMED
    assert registration.municipality == staff.current_membership.municipality
    assert services.seats_left(event) == 29


def test_staff_register_a_colleague_of_their_own_municipality():
    staff = member(Role.STAFF)
    colleague = member(Role.STAFF, staff.current_membership.municipality)
    registration = services.registration_create(
        actor=staff, event_id=EventFactory().pk, person_id=colleague.pk
    )
    assert registration.person == colleague
    assert registration.registered_by == staff


def test_another_municipalitys_person_is_refused_with_a_message():
    staff = member(Role.STAFF)
    stranger = member(Role.STAFF)
    with pytest.raises(EventError, match="同じ団体の職員だけ"):
        services.registration_create(actor=staff, event_id=EventFactory().pk, person_id=stranger.pk)
    assert not Registration.objects.exists()


def test_a_pending_colleague_cannot_be_registered():
    staff = member(Role.STAFF)
    pending = MembershipFactory(municipality=staff.current_membership.municipality, state="pending").user
    with pytest.raises(EventError):
        services.registration_create(actor=staff, event_id=EventFactory().pk, person_id=pending.pk)


def test_registering_twice_is_refused_and_keeps_one_registration():
    staff = member(Role.STAFF)
    event = EventFactory()
    services.registration_create(actor=staff, event_id=event.pk, person_id=staff.pk)
    with pytest.raises(EventError, match="既に申し込んでいます"):
        services.registration_create(actor=staff, event_id=event.pk, person_id=staff.pk)
    assert event.registrations.count() == 1


def test_after_the_deadline_registration_is_refused():
    staff = member(Role.STAFF)
    start = timezone.now() + timezone.timedelta(days=1)
    event = EventFactory(starts_at=start, registration_deadline=timezone.now() - timezone.timedelta(hours=1))
    with pytest.raises(EventError, match="申込締切を過ぎています"):
        services.registration_create(actor=staff, event_id=event.pk, person_id=staff.pk)


def test_a_district_event_takes_only_its_districts_staff():
    inside = member(Role.STAFF, MunicipalityFactory(district="北葛城郡"))
    outside = member(Role.STAFF, MunicipalityFactory(district="吉野郡"))
    event = EventFactory(audience="district", district="北葛城郡")
    assert services.registration_create(actor=inside, event_id=event.pk, person_id=inside.pk)
    with pytest.raises(EventError, match="対象ではありません"):
        services.registration_create(actor=outside, event_id=event.pk, person_id=outside.pk)


def test_an_invited_event_takes_only_the_invited_municipalities_staff():
    invited = member(Role.STAFF)
    other = member(Role.STAFF)
    event = EventFactory(audience="invited")
    event.invited_municipalities.add(invited.current_membership.municipality)
    assert services.registration_create(actor=invited, event_id=event.pk, person_id=invited.pk)
    with pytest.raises(EventError, match="対象ではありません"):
        services.registration_create(actor=other, event_id=event.pk, person_id=other.pk)


def test_a_draft_event_does_not_exist_for_staff():
    staff = member(Role.STAFF)
    event = EventFactory(state="draft")
    with pytest.raises(EventError, match="見つかりません"):
        services.registration_create(actor=staff, event_id=event.pk, person_id=staff.pk)


def test_advisors_and_officials_do_not_register_as_a_municipality():
    for role in (Role.ADVISOR, Role.OFFICIAL):
        person = member(role)
        with pytest.raises(EventError):
            services.registration_create(actor=person, event_id=EventFactory().pk, person_id=person.pk)


def test_a_full_event_puts_the_next_person_on_the_waiting_list_in_order():
    event = EventFactory(capacity=1)
    first, second, third = (member(Role.STAFF) for _ in range(3))
    for person in (first, second, third):
        services.registration_create(actor=person, event_id=event.pk, person_id=person.pk)
    states = {r.person_id: r for r in event.registrations.all()}
    assert states[first.pk].state == RegistrationState.CONFIRMED
    assert services.waiting_position(states[second.pk]) == 1
    assert services.waiting_position(states[third.pk]) == 2


def test_cancelling_a_confirmed_seat_promotes_the_first_waiting_and_tells_them():
    event = EventFactory(capacity=1)
    first, second, third = (member(Role.STAFF) for _ in range(3))
    regs = [
        services.registration_create(actor=p, event_id=event.pk, person_id=p.pk)
        for p in (first, second, third)
    ]
    services.registration_cancel(actor=first, registration_id=regs[0].pk)
    run_tasks()
    states = dict(event.registrations.values_list("person_id", "state"))
    assert states == {first.pk: "cancelled", second.pk: "confirmed", third.pk: "waiting"}
    assert Notification.objects.filter(recipient=second, kind="events_promoted").exists()
    assert not Notification.objects.filter(recipient=third).exists()


def test_a_colleague_cancels_for_a_person_but_another_municipality_cannot():
    staff = member(Role.STAFF)
    colleague = member(Role.STAFF, staff.current_membership.municipality)
    stranger = member(Role.STAFF)
    registration = registered(EventFactory(), staff)
    with pytest.raises(EventError, match="見つかりません"):
        services.registration_cancel(actor=stranger, registration_id=registration.pk)
    services.registration_cancel(actor=colleague, registration_id=registration.pk)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CANCELLED
    # Cancelling again is harmless.
    services.registration_cancel(actor=staff, registration_id=registration.pk)


def test_after_cancelling_one_may_register_again():
    staff = member(Role.STAFF)
    event = EventFactory()
    first = services.registration_create(actor=staff, event_id=event.pk, person_id=staff.pk)
    services.registration_cancel(actor=staff, registration_id=first.pk)
    again = services.registration_create(actor=staff, event_id=event.pk, person_id=staff.pk)
    assert again.state == RegistrationState.CONFIRMED


def test_cancelling_an_event_notifies_everyone_registered_and_only_advisors_may():
    advisor = member(Role.ADVISOR)
    event = EventFactory(capacity=1)
    confirmed, waiting = member(Role.STAFF), member(Role.STAFF)
    registered(event, confirmed)
    registered(event, waiting, state="waiting")
    with pytest.raises(PermissionDenied):
        services.event_cancel(actor=confirmed, event_id=event.pk)
    services.event_cancel(actor=advisor, event_id=event.pk)
    run_tasks()
    told = set(Notification.objects.filter(kind="events_cancelled").values_list("recipient_id", flat=True))
    assert told == {confirmed.pk, waiting.pk}


def test_an_advisor_creates_a_draft_and_publishes_it():
    advisor = member(Role.ADVISOR)
    start = timezone.now() + timezone.timedelta(days=10)
    event = services.event_save(
        actor=advisor,
        kind="training",
        title="情報セキュリティ研修",
        starts_at=start,
        ends_at=start + timezone.timedelta(hours=3),
        registration_deadline=start - timezone.timedelta(days=2),
        capacity=None,
        audience="all",
    )
    assert event.state == "draft"
    services.event_publish(actor=advisor, event_id=event.pk)
    event.refresh_from_db()
    assert event.state == "published"
    assert services.seats_left(event) is None


def test_an_event_ending_before_it_starts_is_refused():
    advisor = member(Role.ADVISOR)
    start = timezone.now() + timezone.timedelta(days=10)
    with pytest.raises(EventError, match="終了日時は開始日時より後"):
        services.event_save(
            actor=advisor,
            kind="study",
            title="勉強会",
            starts_at=start,
            ends_at=start,
            registration_deadline=start,
        )


def test_staff_cannot_create_events():
    staff = member(Role.STAFF)
    start = timezone.now() + timezone.timedelta(days=10)
    with pytest.raises(PermissionDenied):
        services.event_save(
            actor=staff,
            kind="study",
            title="勉強会",
            starts_at=start,
            ends_at=start + timezone.timedelta(hours=1),
            registration_deadline=start,
        )


def test_attendance_and_a_follow_up_once():
    advisor = member(Role.ADVISOR)
    start = timezone.now() - timezone.timedelta(days=2)
    event = EventFactory(starts_at=start, registration_deadline=start - timezone.timedelta(days=1))
    came, absent = member(Role.STAFF), member(Role.STAFF)
    came_reg, absent_reg = registered(event, came), registered(event, absent)
    services.attendance_record(actor=advisor, event_id=event.pk, attended_ids=[came_reg.pk])
    came_reg.refresh_from_db()
    absent_reg.refresh_from_db()
    assert (came_reg.attended, absent_reg.attended) == (True, False)

    services.follow_up_submit(
        actor=came, registration_id=came_reg.pk, satisfaction=4, next_action="移行計画を作る"
    )
    with pytest.raises(EventError, match="回答済みです"):
        services.follow_up_submit(actor=came, registration_id=came_reg.pk, satisfaction=5)
    with pytest.raises(PermissionDenied):
        services.follow_up_submit(actor=absent, registration_id=absent_reg.pk, satisfaction=5)
    summary = services.follow_up_summary(event)
    assert summary["count"] == 1
    assert summary["mean"] == 4.0
    assert dict(summary["distribution"])[4] == 1
    assert summary["next_actions"] == ["移行計画を作る"]


def test_attendance_is_not_recorded_before_the_event_starts():
    advisor = member(Role.ADVISOR)
    event = EventFactory()
    with pytest.raises(EventError, match="開始後に記録"):
        services.attendance_record(actor=advisor, event_id=event.pk, attended_ids=[])


def test_consultants_do_not_see_events():
    consultant = member(Role.CONSULTANT)
    with pytest.raises(EventError):
        services.registration_create(actor=consultant, event_id=EventFactory().pk, person_id=consultant.pk)
