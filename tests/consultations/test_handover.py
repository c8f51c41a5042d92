"""人事異動 hand-over as a request: nothing moves until the leaver, an advisor or an admin confirms it."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from consultations import services
from consultations.models import Consultation, Status
from portal import handover as handovers
from portal.handover import KIND as HANDOVER_KIND
from portal.models import HandoverRequest, Membership, Notification, Role
from tests.factories import MunicipalityFactory, consultation, member, run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return MunicipalityFactory(name="香芝市", kana="かしばし")


@pytest.fixture
def people(town):
    leaver = member(Role.STAFF, town)
    return {
        "leaver": leaver,
        "colleague": member(Role.STAFF, town),
        "successor": member(Role.STAFF, town),
        "advisor": member(Role.ADVISOR),
        "admin": member(Role.ADMIN),
        "official": member(Role.OFFICIAL),
        "outsider": member(Role.STAFF),
    }


@pytest.fixture
def open_consultation(people):
    return consultation(people["leaver"], title="税務システムの更改")


def ask(people, by="colleague", note="4月1日付で税務課へ異動"):
    return handovers.handover_request(
        actor=people[by],
        leaver_membership_id=people["leaver"].current_membership.pk,
        successor=people["successor"],
        note=note,
    )


def leaver_state(people):
    return Membership.objects.get(user=people["leaver"]).state


def test_a_colleagues_request_ends_nothing_and_moves_nothing(people, open_consultation):
    handover = ask(people)
    assert handover.state == HandoverRequest.State.PENDING
    assert leaver_state(people) == Membership.State.ACTIVE
    assert Consultation.objects.get(pk=open_consultation.pk).requester == people["leaver"]
    assert not open_consultation.events.filter(kind="handover").exists()


def test_the_leaver_confirms_and_the_work_moves_with_history_naming_requester_and_confirmer(
    people, open_consultation
):
    done = consultation(people["leaver"])
    services.consultation_transition(consultation_id=done.pk, actor=people["leaver"], to=Status.WITHDRAWN)
    handover = ask(people)
    handover = handovers.handover_confirm(handover_id=handover.pk, actor=people["leaver"])
    assert (handover.state, handover.decided_by, handover.moved_count) == (
        HandoverRequest.State.CONFIRMED,
        people["leaver"],
        1,
    )
    assert Consultation.objects.get(pk=open_consultation.pk).requester == people["successor"]
    assert Consultation.objects.get(pk=done.pk).requester == people["leaver"]
    event = open_consultation.events.get(kind="handover")
    assert event.actor == people["leaver"]
    assert str(people["colleague"]) in event.note and str(people["leaver"]) in event.note
    assert leaver_state(people) == Membership.State.ENDED
    assert Membership.objects.get(user=people["leaver"]).decided_by == people["leaver"]


@pytest.mark.parametrize("decider", ["advisor", "admin"])
def test_an_advisor_or_an_admin_confirms_a_request(people, open_consultation, decider):
    handover = ask(people)
    handovers.handover_confirm(handover_id=handover.pk, actor=people[decider], note="本人は異動済み")
    assert Consultation.objects.get(pk=open_consultation.pk).requester == people["successor"]
    assert leaver_state(people) == Membership.State.ENDED
    assert HandoverRequest.objects.get(pk=handover.pk).decision_note == "本人は異動済み"


@pytest.mark.parametrize("who", ["colleague", "successor", "outsider", "official"])
def test_the_requesting_colleague_and_anyone_else_cannot_confirm(people, open_consultation, who):
    handover = ask(people, by="successor" if who == "successor" else "colleague")
    with pytest.raises(PermissionDenied):
        handovers.handover_confirm(handover_id=handover.pk, actor=people[who])
    assert leaver_state(people) == Membership.State.ACTIVE
    assert HandoverRequest.objects.get(pk=handover.pk).state == HandoverRequest.State.PENDING


def test_the_leaver_refuses_with_a_reason_nothing_moves_and_the_requester_is_told(people, open_consultation):
    handover = ask(people)
    with pytest.raises(handovers.HandoverError):
        handovers.handover_refuse(handover_id=handover.pk, actor=people["leaver"], reason="  ")
    handovers.handover_refuse(handover_id=handover.pk, actor=people["leaver"], reason="異動は来月です")
    handover.refresh_from_db()
    assert (handover.state, handover.decision_note) == (HandoverRequest.State.REFUSED, "異動は来月です")
    assert leaver_state(people) == Membership.State.ACTIVE
    assert Consultation.objects.get(pk=open_consultation.pk).requester == people["leaver"]
    mail.outbox.clear()
    run_tasks()
    notice = Notification.objects.get(recipient=people["colleague"], kind=HANDOVER_KIND)
    assert "断られました" in notice.message
    assert notice.url == reverse("handover_detail", args=[handover.pk])
    assert any(people["colleague"].email in m.to for m in mail.outbox)


def test_the_leaver_is_notified_in_the_app_and_by_mail_when_a_request_is_made(people):
    handover = ask(people)
    mail.outbox.clear()
    run_tasks()
    notice = Notification.objects.get(recipient=people["leaver"])
    assert notice.kind == HANDOVER_KIND
    assert str(people["colleague"]) in notice.message and str(people["successor"]) in notice.message
    assert notice.url == reverse("handover_detail", args=[handover.pk])
    assert [m.to for m in mail.outbox] == [[people["leaver"].email]]
    assert not Notification.objects.filter(recipient__in=[people["advisor"], people["admin"]]).exists()


def test_a_confirmation_tells_the_requester_the_successor_and_the_leaver(people, open_consultation):
    handover = ask(people)
    run_tasks()
    mail.outbox.clear()
    handovers.handover_confirm(handover_id=handover.pk, actor=people["advisor"])
    run_tasks()
    told = {m.to[0] for m in mail.outbox}
    assert told == {people["colleague"].email, people["successor"].email, people["leaver"].email}
    assert (
        "承認" in Notification.objects.get(recipient=people["colleague"], key__endswith="confirmed").message
    )


def test_a_user_cannot_mute_hand_over_notices():
    from portal.forms import NotificationPreferencesForm

    offered = dict(NotificationPreferencesForm().fields["enabled"].choices)
    assert HANDOVER_KIND not in offered


def test_a_second_pending_request_for_the_same_leaver_is_refused_with_a_message(people):
    ask(people)
    with pytest.raises(handovers.HandoverError, match="すでに依頼"):
        ask(people, by="advisor")
    assert HandoverRequest.objects.count() == 1


def test_the_database_allows_one_pending_request_per_leaver(people):
    first = ask(people)
    with pytest.raises(IntegrityError), transaction.atomic():
        HandoverRequest.objects.create(
            leaver_membership=first.leaver_membership,
            successor=people["successor"],
            requested_by=people["admin"],
        )


def test_after_a_refusal_a_new_request_may_be_made(people):
    handover = ask(people)
    handovers.handover_refuse(handover_id=handover.pk, actor=people["advisor"], reason="後任者が違います")
    assert ask(people).state == HandoverRequest.State.PENDING


def test_the_leaver_may_ask_for_their_own_hand_over_and_confirm_it(people, open_consultation):
    handover = ask(people, by="leaver")
    handovers.handover_confirm(handover_id=handover.pk, actor=people["leaver"])
    assert Consultation.objects.get(pk=open_consultation.pk).requester == people["successor"]


@pytest.mark.parametrize("who", ["outsider", "official"])
def test_staff_of_another_municipality_and_officials_cannot_ask(people, who):
    with pytest.raises(PermissionDenied):
        ask(people, by=who)
    assert not HandoverRequest.objects.exists()


def test_the_successor_must_be_active_staff_of_the_same_municipality(people):
    with pytest.raises(handovers.HandoverError, match="同じ市町村"):
        handovers.handover_request(
            actor=people["colleague"],
            leaver_membership_id=people["leaver"].current_membership.pk,
            successor=people["outsider"],
        )


def test_the_requester_cancels_and_the_leaver_decides_nothing_afterwards(people):
    handover = ask(people)
    with pytest.raises(PermissionDenied):
        handovers.handover_cancel(handover_id=handover.pk, actor=people["leaver"])
    handovers.handover_cancel(handover_id=handover.pk, actor=people["colleague"])
    assert HandoverRequest.objects.get(pk=handover.pk).state == HandoverRequest.State.CANCELLED
    with pytest.raises(handovers.StaleHandover):
        handovers.handover_confirm(handover_id=handover.pk, actor=people["leaver"])
    assert leaver_state(people) == Membership.State.ACTIVE


def test_a_decision_already_taken_by_someone_else_is_not_taken_again(people, open_consultation):
    handover = ask(people)
    handovers.handover_refuse(handover_id=handover.pk, actor=people["leaver"], reason="異動は来月です")
    with pytest.raises(handovers.StaleHandover, match="不承認"):
        handovers.handover_confirm(handover_id=handover.pk, actor=people["advisor"])
    assert Consultation.objects.get(pk=open_consultation.pk).requester == people["leaver"]


def test_a_confirmation_is_refused_when_the_successor_left_meanwhile(people, open_consultation):
    handover = ask(people)
    Membership.objects.filter(user=people["successor"]).update(state=Membership.State.ENDED)
    with pytest.raises(handovers.HandoverError, match="同じ市町村"):
        handovers.handover_confirm(handover_id=handover.pk, actor=people["advisor"])
    assert leaver_state(people) == Membership.State.ACTIVE


# --- The pages ------------------------------------------------------------------------------------


def test_a_colleague_asks_through_the_page_and_nothing_changes_until_confirmed(
    client, log_in, people, open_consultation
):
    log_in(people["colleague"])
    response = client.post(
        reverse("handover"),
        {
            "leaver": people["leaver"].current_membership.pk,
            "successor": people["successor"].pk,
            "note": "4月1日付で異動",
        },
        follow=True,
    )
    assert "引継ぎを依頼しました" in response.content.decode()
    assert leaver_state(people) == Membership.State.ACTIVE
    assert Consultation.objects.get(pk=open_consultation.pk).requester == people["leaver"]
    handover = HandoverRequest.objects.get()
    page = client.get(reverse("handover")).content.decode()
    assert reverse("handover_cancel", args=[handover.pk]) in page  # 取り消す
    assert reverse("handover_confirm", args=[handover.pk]) not in page
    detail = client.get(reverse("handover_detail", args=[handover.pk])).content.decode()
    assert reverse("handover_confirm", args=[handover.pk]) not in detail
    assert client.post(reverse("handover_confirm", args=[handover.pk])).status_code == 404
    assert leaver_state(people) == Membership.State.ACTIVE


def test_the_leaver_sees_the_request_and_a_page_that_says_what_will_happen(
    client, log_in, people, open_consultation
):
    handover = ask(people)
    log_in(people["leaver"])
    page = client.get(reverse("handover")).content.decode()
    assert reverse("handover_detail", args=[handover.pk]) in page
    detail = client.get(reverse("handover_detail", args=[handover.pk])).content.decode()
    assert "1 件" in detail and open_consultation.reference in detail
    assert "所属" in detail and "終了" in detail
    assert "4月1日付で税務課へ異動" in detail
    response = client.post(reverse("handover_confirm", args=[handover.pk]), follow=True)
    assert "1 件を引き継ぎ" in response.content.decode()
    assert Consultation.objects.get(pk=open_consultation.pk).requester == people["successor"]
    assert leaver_state(people) == Membership.State.ENDED


def test_a_refusal_without_a_reason_keeps_the_page_and_says_why(client, log_in, people):
    handover = ask(people)
    log_in(people["leaver"])
    response = client.post(reverse("handover_refuse", args=[handover.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "断る理由を書いてください" in response.content.decode()
    assert HandoverRequest.objects.get(pk=handover.pk).state == HandoverRequest.State.PENDING


def test_a_stale_decision_gets_a_clear_message(client, log_in, people):
    handover = ask(people)
    handovers.handover_refuse(handover_id=handover.pk, actor=people["leaver"], reason="異動は来月です")
    log_in(people["advisor"])
    response = client.post(reverse("handover_confirm", args=[handover.pk]), follow=True)
    page = response.content.decode()
    assert "すでに" in page and "不承認" in page
    assert leaver_state(people) == Membership.State.ACTIVE


def test_the_history_lists_decided_requests_with_who_decided(client, log_in, people):
    handover = ask(people)
    handovers.handover_refuse(handover_id=handover.pk, actor=people["advisor"], reason="後任者が違います")
    log_in(people["colleague"])
    page = client.get(reverse("handover")).content.decode()
    assert "履歴" in page and "不承認" in page and "後任者が違います" in page
    assert people["advisor"].get_full_name() in page


@pytest.mark.parametrize("who", ["outsider", "official"])
def test_staff_of_another_municipality_and_officials_get_404_for_a_request(client, log_in, people, who):
    handover = ask(people)
    log_in(people[who])
    for name, method in [
        ("handover_detail", "get"),
        ("handover_confirm", "post"),
        ("handover_refuse", "post"),
        ("handover_cancel", "post"),
    ]:
        response = getattr(client, method)(reverse(name, args=[handover.pk]), {"reason": "x"})
        assert response.status_code == 404
    assert HandoverRequest.objects.get(pk=handover.pk).state == HandoverRequest.State.PENDING


def test_a_second_request_through_the_page_keeps_what_was_typed_and_says_why(client, log_in, people):
    ask(people)
    log_in(people["advisor"])
    response = client.post(
        reverse("handover"),
        {
            "leaver": people["leaver"].current_membership.pk,
            "successor": people["successor"].pk,
            "note": "二度目の依頼",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "すでに依頼" in page and "二度目の依頼" in page
    assert HandoverRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("successor", "says"),
    [("leaver", "別の人を選んでください"), ("outsider", "香芝市の職員を選んでください")],
)
def test_a_successor_who_cannot_take_over_is_named_on_the_successor_field(
    client, log_in, people, successor, says
):
    log_in(people["admin"])
    response = client.post(
        reverse("handover"),
        {"leaver": people["leaver"].current_membership.pk, "successor": people[successor].pk},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert says in page
    assert 'href="#id_successor"' in page  # listed in the error summary, linked to the field
    assert 'aria-invalid="true"' in re.search(r'<select[^>]*id="id_successor"[^>]*>', page).group(0)
    assert HandoverRequest.objects.count() == 0
