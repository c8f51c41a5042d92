"""The events' demo: what the "Done when" walk needs is there, and loading twice adds nothing."""

import pytest

from events import demo
from events.models import Event, FollowUp, VisitRequest
from portal.models import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts(seeded, settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path
    from portal.models import Municipality

    codes = {"tenri": "29204", "kashihara": "29205", "ikaruga": "29344", "asuka": "29402", "uda": "29212"}
    codes |= {"kashiba": "29210", "kawai": "29427"}
    for name, code in codes.items():
        user = UserFactory(email=f"{name}.staff@example.jp")
        MembershipFactory(user=user, municipality=Municipality.objects.get(code=code))
    MembershipFactory(user=UserFactory(email="advisor@example.jp"), role=Role.ADVISOR)


def test_the_demo_has_a_full_event_an_open_one_a_past_one_with_follow_ups_and_a_visit(accounts):
    assert demo.load("pw").startswith("events: 3 demo events")
    full = Event.objects.get(title=demo.FULL)
    assert full.registrations.filter(state="confirmed").count() == full.capacity
    assert full.registrations.filter(state="waiting").count() == 2
    seats = Event.objects.get(title=demo.OPEN)
    assert not seats.registrations.filter(person__email="kashiba.staff@example.jp").exists()
    past = Event.objects.get(title=demo.PAST)
    assert past.is_past and past.materials.count() == 1
    assert FollowUp.objects.filter(registration__event=past).count() == 3
    visit = VisitRequest.objects.get()
    assert visit.requesting_municipality.name == "香芝市"
    assert visit.host != visit.requesting_municipality
    assert demo.load("pw") == "events: demo events already there"
    assert Event.objects.count() == 3


def test_kashiba_staff_may_register_for_the_open_demo_event(accounts):
    from events import services
    from portal.models import User

    demo.load("pw")
    kashiba = User.objects.get(email="kashiba.staff@example.jp")
    seats = Event.objects.get(title=demo.OPEN)
    registration = services.registration_create(actor=kashiba, event_id=seats.pk, person_id=kashiba.pk)
    assert registration.state == "confirmed"
