"""The kernel's 人事異動 hand-over: what moves is asked of the registered participants, on confirmation."""

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from portal import handover as handovers
from portal.models import HandoverRequest, Membership, Role
from tests.factories import MunicipalityFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    town = MunicipalityFactory(name="香芝市", kana="かしばし")
    return {
        "leaver": member(Role.STAFF, town),
        "colleague": member(Role.STAFF, town),
        "successor": member(Role.STAFF, town),
        "advisor": member(Role.ADVISOR),
    }


@pytest.fixture
def recorder(monkeypatch):
    """A participant of a test's own, registered beside the apps' for the test only."""
    moves = []

    def preview(viewer, leaver, successor, municipality):
        return handovers.Preview(
            effects=["記録係の項目が移ります。"],
            caption="記録係の項目",
            items=[handovers.Item("R-1", "記録係の項目そのもの", "有効", "/r/1/")],
        )

    def move(*, handover, leaver, successor, municipality, actor):
        moves.append((handover.pk, leaver, successor, municipality, actor))
        return 2

    participant = handovers.Participant(name="test-recorder", label="記録係", preview=preview, move=move)
    monkeypatch.setattr(handovers._participants, "_items", dict(handovers._participants._items))
    handovers.register(participant)
    return moves


def ask(people):
    return handovers.handover_request(
        actor=people["colleague"],
        leaver_membership_id=people["leaver"].current_membership.pk,
        successor=people["successor"],
    )


def test_a_participant_registered_twice_is_refused():
    [desk] = [p for p in handovers.participants() if p.name == "consultations"]
    with pytest.raises(ImproperlyConfigured, match="consultations"):
        handovers.register(desk)


def test_a_confirmation_asks_every_participant_to_move_its_items_and_ends_the_membership(people, recorder):
    handover = ask(people)
    assert recorder == []
    done = handovers.handover_confirm(handover_id=handover.pk, actor=people["advisor"])
    membership = Membership.objects.get(user=people["leaver"])
    assert recorder == [
        (handover.pk, people["leaver"], people["successor"], membership.municipality, people["advisor"])
    ]
    assert done.moved_count == 2  # the desk moved nothing: the leaver had no consultation
    assert membership.state == Membership.State.ENDED


def test_nothing_moves_on_a_refusal_or_a_cancellation(people, recorder):
    handovers.handover_refuse(handover_id=ask(people).pk, actor=people["leaver"], reason="異動は来月です")
    handovers.handover_cancel(handover_id=ask(people).pk, actor=people["colleague"])
    assert recorder == []
    assert Membership.objects.get(user=people["leaver"]).state == Membership.State.ACTIVE


def test_the_confirmation_page_lists_every_participants_items(client, people, recorder):
    handover = ask(people)
    client.force_login(people["leaver"])
    page = client.get(reverse("handover_detail", args=[handover.pk])).content.decode()
    assert "記録係の項目が移ります。" in page and "記録係の項目そのもの" in page and 'href="/r/1/"' in page
    assert "所属は終了" in page


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/consultations/handover/", "/accounts/members/handover/"),
        ("/consultations/handover/{pk}/", "/accounts/members/handover/{pk}/"),
        ("/consultations/handover/{pk}/confirm/", "/accounts/members/handover/{pk}/confirm/"),
        ("/consultations/handover/{pk}/refuse/", "/accounts/members/handover/{pk}/refuse/"),
        ("/consultations/handover/{pk}/cancel/", "/accounts/members/handover/{pk}/cancel/"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_the_old_desk_addresses_answer_308_to_the_kernels(client, people, old, new, method):
    handover = ask(people)
    client.force_login(people["leaver"])
    response = getattr(client, method)(old.format(pk=handover.pk))
    assert response.status_code == 308
    assert response["Location"] == new.format(pk=handover.pk)


def test_a_refusal_posted_to_the_old_address_is_taken_with_its_reason(client, people):
    handover = ask(people)
    client.force_login(people["leaver"])
    client.post(f"/consultations/handover/{handover.pk}/refuse/", {"reason": "異動は来月です"}, follow=True)
    handover.refresh_from_db()
    assert (handover.state, handover.decision_note) == (HandoverRequest.State.REFUSED, "異動は来月です")


def test_the_data_migration_copies_requests_with_their_ids_and_numbers_new_ones_after_them(people):
    """Run the copy of consultations' migration 0007 over the old table, made as it was."""
    migration = importlib.import_module("consultations.migrations.0007_handover_request_move_to_portal")
    apps = (
        MigrationLoader(connection)
        .project_state(("consultations", "0007_handover_request_move_to_portal"))
        .apps
    )
    old_request = apps.get_model("consultations", "HandoverRequest")
    with connection.schema_editor() as editor:
        editor.create_model(old_request)
        old_request.objects.create(
            id=4242,
            leaver_membership_id=people["leaver"].current_membership.pk,
            successor_id=people["successor"].pk,
            requested_by_id=people["colleague"].pk,
            note="4月1日付で異動",
            state="refused",
            decided_by_id=people["leaver"].pk,
            decision_note="来月です",
        )
        migration.copy_to_portal(apps, editor)
    copied = HandoverRequest.objects.get(pk=4242)
    assert (copied.state, copied.note, copied.decided_by, copied.decision_note) == (
        HandoverRequest.State.REFUSED,
        "4月1日付で異動",
        people["leaver"],
        "来月です",
    )
    assert ask(people).pk > 4242
