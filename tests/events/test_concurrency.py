"""Real PostgreSQL transactions in real threads: registrations never take more seats than there are."""

import pytest

from events import services
from events.models import RegistrationState
from portal.models import Role
from tests.consultations.test_concurrency import run_together
from tests.factories import EventFactory, member, registered

pytestmark = pytest.mark.django_db(transaction=True)


def test_three_people_registering_at_once_for_the_last_two_seats_two_are_confirmed_and_one_waits():
    event = EventFactory(capacity=3)
    registered(event, member(Role.STAFF))
    people = [member(Role.STAFF) for _ in range(3)]
    outcomes = run_together(
        [
            (lambda p=p: services.registration_create(actor=p, event_id=event.pk, person_id=p.pk))
            for p in people
        ]
    )
    assert [kind for kind, _ in outcomes] == ["ok", "ok", "ok"]
    states = sorted(event.registrations.filter(person__in=people).values_list("state", flat=True))
    assert states == [RegistrationState.CONFIRMED, RegistrationState.CONFIRMED, RegistrationState.WAITING]
