"""Invitations: the runners send them with the finder's reasons, the invited staff answer, everyone
concerned is told, and a second click changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from portal.models import Notification, Role
from procurement.models import InvitationState, Member, WorkspaceStatus
from procurement.services_invitations import (
    InvitationError,
    invitation_decide,
    invitation_send,
    invitation_withdraw,
)
from tests.factories import member, run_tasks

pytestmark = pytest.mark.django_db

REASONS = [{"criterion": "district", "points": 25, "text": "同じ郡です（北葛城郡）。"}]


def _send(world, actor="founder", town="outside", message="勉強会にご参加ください。"):
    return invitation_send(
        actor=world["people"][actor],
        workspace_id=world["workspace"].pk,
        municipality_id=world["towns"][town].pk,
        message=message,
        reasons=REASONS,
    )


def _open(world):
    return world["workspace"].invitations.get(municipality=world["towns"]["invited"])


def test_a_founder_invites_and_the_invited_municipalitys_staff_are_told(procurement_world):
    outsider = procurement_world["people"]["outsider"]
    invitation = _send(procurement_world)
    run_tasks()

    assert invitation.state == InvitationState.OPEN and invitation.reasons == REASONS
    notice = Notification.objects.get(recipient=outsider)
    assert notice.message == "「北葛城基幹システム共同化検討会」から、参加の呼びかけが届きました。"
    assert notice.url == f"/procurement/{procurement_world['workspace'].slug}/invitations/{invitation.pk}/"


def test_a_member_is_refused_and_so_is_a_second_open_invitation(procurement_world):
    with pytest.raises(InvitationError, match="河合町はすでにこの検討会の参加団体です"):
        _send(procurement_world, town="member")
    with pytest.raises(InvitationError, match="上牧町には、すでに呼びかけています"):
        _send(procurement_world, town="invited")


def test_only_those_who_run_the_group_send_and_withdraw(procurement_world):
    for persona in ["member", "consultant", "advisor", "official", "outsider"]:
        with pytest.raises(PermissionDenied):
            _send(procurement_world, actor=persona)
        with pytest.raises(PermissionDenied):
            invitation_withdraw(
                actor=procurement_world["people"][persona], invitation_id=_open(procurement_world).pk
            )
    assert _send(procurement_world, actor="secretariat").state == InvitationState.OPEN


def test_accepting_makes_the_municipality_a_member_and_tells_the_runners_and_twice_is_harmless(
    procurement_world,
):
    people, towns = procurement_world["people"], procurement_world["towns"]
    invitation = _open(procurement_world)
    invited = people["invited"]

    invitation_decide(actor=invited, invitation_id=invitation.pk, accept=True, note="前向きに検討します。")
    invitation_decide(actor=invited, invitation_id=invitation.pk, accept=True, note="")
    run_tasks()

    invitation.refresh_from_db()
    assert invitation.state == InvitationState.ACCEPTED and invitation.decision_note == "前向きに検討します。"
    joined = Member.objects.get(workspace=procurement_world["workspace"], municipality=towns["invited"])
    assert joined.contact == invited and not joined.is_founder
    told = set(
        Notification.objects.filter(kind="procurement_invitation_decided").values_list("recipient", flat=True)
    )
    assert told == {people["founder"].pk, people["secretariat"].pk}
    notice = Notification.objects.filter(recipient=people["founder"]).get()
    assert notice.message == "上牧町が「北葛城基幹システム共同化検討会」への参加の呼びかけを受けました。"


def test_declining_adds_no_member_and_changing_the_answer_afterwards_is_refused(procurement_world):
    invitation = _open(procurement_world)
    invited = procurement_world["people"]["invited"]
    invitation_decide(actor=invited, invitation_id=invitation.pk, accept=False, note="今回は見送ります。")
    with pytest.raises(InvitationError, match="すでに「辞退」と回答しています"):
        invitation_decide(actor=invited, invitation_id=invitation.pk, accept=True)
    assert not Member.objects.filter(municipality=procurement_world["towns"]["invited"]).exists()


def test_only_the_invited_municipalitys_active_staff_decide(procurement_world):
    invitation = _open(procurement_world)
    others = [*(procurement_world["people"][p] for p in ["founder", "member", "secretariat", "advisor"])]
    others.append(member(Role.STAFF, procurement_world["towns"]["invited"], state="pending"))
    for person in others:
        with pytest.raises(PermissionDenied):
            invitation_decide(actor=person, invitation_id=invitation.pk, accept=True)


def test_a_withdrawn_invitation_cannot_be_accepted_and_withdrawing_again_is_harmless(procurement_world):
    invitation = _open(procurement_world)
    founder = procurement_world["people"]["founder"]
    invitation_withdraw(actor=founder, invitation_id=invitation.pk)
    assert invitation_withdraw(actor=founder, invitation_id=invitation.pk).state == InvitationState.WITHDRAWN
    with pytest.raises(InvitationError, match="取り下げられています"):
        invitation_decide(
            actor=procurement_world["people"]["invited"], invitation_id=invitation.pk, accept=True
        )
    # Withdrawn, it no longer blocks a new invitation.
    assert _send(procurement_world, town="invited").state == InvitationState.OPEN


# --- Pages ------------------------------------------------------------------------------------------


def test_the_invited_staff_read_the_reasons_and_accept_on_the_invitation_page(
    client, log_in, procurement_world
):
    workspace = procurement_world["workspace"]
    invitation = _open(procurement_world)
    invitation.reasons = REASONS
    invitation.save()
    log_in(procurement_world["people"]["invited"])
    url = f"/procurement/{workspace.slug}/invitations/{invitation.pk}/"

    page = client.get(url).content.decode()
    assert "同じ郡です（北葛城郡）。" in page and "回答を送る" in page

    response = client.post(url + "decide/", {"decision": "accept", "note": ""})
    assert response.status_code == 302 and response["Location"] == f"/procurement/{workspace.slug}/"
    assert client.post(url + "decide/", {"decision": "accept"}).status_code == 302


def test_after_declining_the_invitation_page_links_to_none_of_the_groups_pages(
    client, log_in, procurement_world
):
    workspace = procurement_world["workspace"]
    invitation = _open(procurement_world)
    log_in(procurement_world["people"]["invited"])
    url = f"/procurement/{workspace.slug}/invitations/{invitation.pk}/"

    page = client.post(url + "decide/", {"decision": "decline", "note": ""}, follow=True).content.decode()
    assert "辞退を伝えました。" in page
    assert f'href="/procurement/{workspace.slug}/' not in page
    assert client.get(f"/procurement/{workspace.slug}/").status_code == 404


def test_a_decision_without_a_choice_is_told_on_the_page(client, log_in, procurement_world):
    invitation = _open(procurement_world)
    log_in(procurement_world["people"]["invited"])
    url = f"/procurement/{procurement_world['workspace'].slug}/invitations/{invitation.pk}/decide/"
    page = client.post(url, {"note": "検討中"}).content.decode()
    assert "参加するか辞退するかを選んでください。" in page
    assert _open(procurement_world).state == InvitationState.OPEN


def test_a_founder_sends_from_the_form_and_a_second_send_is_told_not_stored(
    client, log_in, procurement_world
):
    workspace, outside = procurement_world["workspace"], procurement_world["towns"]["outside"]
    log_in(procurement_world["people"]["founder"])
    url = f"/procurement/{workspace.slug}/invitations/new/?municipality={outside.code}"

    assert client.post(url, {"message": "ご検討ください。"}).status_code == 302
    again = client.post(url, {"message": "ご検討ください。"})

    assert "天理市には、すでに呼びかけています" in again.content.decode()
    assert workspace.invitations.filter(municipality=outside).count() == 1
    listing = client.get(f"/procurement/{workspace.slug}/invitations/").content.decode()
    assert "天理市" in listing and "上牧町" in listing and "回答待ち" in listing


def test_a_member_reads_the_invitations_list_but_has_no_withdraw_button(client, log_in, procurement_world):
    log_in(procurement_world["people"]["member"])
    page = client.get(f"/procurement/{procurement_world['workspace'].slug}/invitations/").content.decode()
    assert "上牧町" in page and "取り下げる" not in page


def test_a_dissolved_group_invites_no_one(procurement_world):
    workspace = procurement_world["workspace"]
    workspace.status = WorkspaceStatus.DISSOLVED
    workspace.save()
    with pytest.raises(InvitationError, match="解散した検討会からは呼びかけられません"):
        _send(procurement_world)
