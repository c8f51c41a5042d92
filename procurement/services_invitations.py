"""Invitations to join a workspace (参加の呼びかけ): those who run the group send them with the partner
finder's reasons; the invited municipality's staff accept (the municipality becomes a member) or
decline; the runners may withdraw one still open. The invited staff are told on sending, the runners
on a decision, through the kernel's notices (a task enqueued in the same transaction)."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from portal import access, notification_kinds, notifications
from portal.localize import localized
from portal.models import Membership, Municipality, Role, User
from portal.task_retry import retrying_task
from procurement.models import Invitation, InvitationState, Member, Workspace, WorkspaceStatus
from procurement.relations import RUNNERS, relation_of

RECEIVED = "procurement_invitation_received"
DECIDED = "procurement_invitation_decided"


class InvitationError(Exception):
    """An invitation the service refuses, with the message the page shows."""


def _reasons(reasons) -> list[dict]:
    """The partner finder's reasons as the invitation keeps them: criterion, points and text."""
    return [
        {"criterion": str(r["criterion"]), "points": int(r["points"]), "text": str(r["text"])}
        for r in reasons
    ]


def invitation_send(*, actor, workspace_id: int, municipality_id: int, message: str, reasons) -> Invitation:
    with transaction.atomic():
        workspace = Workspace.objects.select_for_update().get(pk=workspace_id)
        access.require(actor, "procurement.invitation.send", workspace)
        municipality = Municipality.objects.get(pk=municipality_id)
        if workspace.status == WorkspaceStatus.DISSOLVED:
            raise InvitationError(_("解散した検討会からは呼びかけられません。"))
        if workspace.members.filter(municipality=municipality).exists():
            raise InvitationError(_("%(name)sはすでにこの検討会の参加団体です。") % {"name": municipality})
        # The workspace's row lock above makes a second click wait and then find the first one's.
        if workspace.invitations.filter(municipality=municipality, state=InvitationState.OPEN).exists():
            raise InvitationError(
                _("%(name)sには、すでに呼びかけています（回答待ち）。回答をお待ちください。")
                % {"name": municipality}
            )
        invitation = Invitation.objects.create(
            workspace=workspace,
            municipality=municipality,
            message=message.strip(),
            reasons=_reasons(reasons),
            invited_by=actor,
        )
        notify_received.enqueue(invitation_id=invitation.pk)
    return invitation


def _locked(invitation_id: int) -> Invitation:
    return (
        Invitation.objects.select_for_update()
        .select_related("workspace", "municipality")
        .get(pk=invitation_id)
    )


def invitation_decide(*, actor, invitation_id: int, accept: bool, note: str = "") -> Invitation:
    """Accept (the municipality becomes a member, its contact the one who accepted) or decline. The
    same answer given again changes nothing; a different one after the first is refused."""
    with transaction.atomic():
        invitation = _locked(invitation_id)
        access.require(actor, "procurement.invitation.decide", invitation)
        wanted = InvitationState.ACCEPTED if accept else InvitationState.DECLINED
        if invitation.state == wanted:
            return invitation
        if invitation.state == InvitationState.WITHDRAWN:
            raise InvitationError(_("この呼びかけは取り下げられています。"))
        if invitation.state != InvitationState.OPEN:
            raise InvitationError(
                _("この呼びかけには、すでに「%(state)s」と回答しています。")
                % {"state": invitation.get_state_display()}
            )
        invitation.state = wanted
        invitation.decided_by, invitation.decided_at = actor, timezone.now()
        invitation.decision_note = note.strip()
        invitation.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
        if accept:
            Member.objects.get_or_create(
                workspace=invitation.workspace,
                municipality=invitation.municipality,
                defaults={"contact": actor, "joined_on": timezone.localdate()},
            )
        notify_decided.enqueue(invitation_id=invitation.pk)
    return invitation


def invitation_withdraw(*, actor, invitation_id: int) -> Invitation:
    """Withdraw an open invitation; withdrawing again changes nothing; an answered one stays answered."""
    with transaction.atomic():
        invitation = _locked(invitation_id)
        access.require(actor, "procurement.invitation.withdraw", invitation.workspace)
        if invitation.state == InvitationState.WITHDRAWN:
            return invitation
        if invitation.state != InvitationState.OPEN:
            raise InvitationError(
                _("%(name)sはすでに「%(state)s」と回答しています。取り下げられません。")
                % {"name": invitation.municipality, "state": invitation.get_state_display()}
            )
        invitation.state = InvitationState.WITHDRAWN
        invitation.save(update_fields=["state"])
    return invitation


# --- Notices ---------------------------------------------------------------------------------------


def _received_message(params: dict) -> str:
    return gettext("「%(workspace)s」から、参加の呼びかけが届きました。") % {
        "workspace": params.get("workspace", "")
    }


def _decided_message(params: dict) -> str:
    template = (
        gettext("%(municipality)sが「%(workspace)s」への参加の呼びかけを受けました。")
        if params.get("accepted")
        else gettext("%(municipality)sが「%(workspace)s」への参加の呼びかけを辞退しました。")
    )
    municipality = localized(params.get("municipality", ""), params.get("municipality_en", ""))
    return template % {"municipality": municipality, "workspace": params.get("workspace", "")}


KINDS = [
    notification_kinds.NotificationKind(
        slug=RECEIVED, label=gettext_lazy("共同化検討会：参加の呼びかけ"), message=_received_message
    ),
    notification_kinds.NotificationKind(
        slug=DECIDED, label=gettext_lazy("共同化検討会：呼びかけへの回答"), message=_decided_message
    ),
]


def active_staff_of(municipality: Municipality) -> list[User]:
    people = User.objects.filter(
        is_active=True,
        memberships__role=Role.STAFF,
        memberships__state=Membership.State.ACTIVE,
        memberships__municipality=municipality,
    ).distinct()
    # A moved member of staff belongs to their current municipality only.
    return [person for person in people.order_by("pk") if access.same_municipality(person, municipality)]


def runners_of(workspace: Workspace) -> list[User]:
    """The founders' active staff and the secretariat, as relation_of decides (RUNNERS)."""
    founders = User.objects.filter(
        memberships__municipality__procurement_members__workspace=workspace,
        memberships__municipality__procurement_members__is_founder=True,
    )
    people = (founders | User.objects.filter(procurement_secretariats__workspace=workspace)).distinct()
    return [person for person in people.order_by("pk") if relation_of(person, workspace) in RUNNERS]


@retrying_task()
def notify_received(*, invitation_id: int) -> int:
    invitation = Invitation.objects.select_related("workspace", "municipality").get(pk=invitation_id)
    if invitation.state != InvitationState.OPEN:
        return 0
    return notifications.deliver(
        kind=RECEIVED,
        key=f"procurement-invitation:{invitation.pk}",
        recipients=active_staff_of(invitation.municipality),
        params={"workspace": invitation.workspace.name},
        url=reverse("procurement:invitations_detail", args=[invitation.workspace.slug, invitation.pk]),
        target=invitation,
    )


@retrying_task()
def notify_decided(*, invitation_id: int) -> int:
    invitation = Invitation.objects.select_related("workspace", "municipality").get(pk=invitation_id)
    return notifications.deliver(
        kind=DECIDED,
        key=f"procurement-invitation-decided:{invitation.pk}",
        recipients=[p for p in runners_of(invitation.workspace) if p.pk != invitation.decided_by_id],
        params={
            "workspace": invitation.workspace.name,
            "municipality": invitation.municipality.name,
            "municipality_en": invitation.municipality.name_en,
            "accepted": invitation.state == InvitationState.ACCEPTED,
        },
        url=reverse("procurement:invitations_list", args=[invitation.workspace.slug]),
        target=invitation,
    )
