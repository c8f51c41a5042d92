"""The 人事異動 hand-over, which ends a portal membership: ask, confirm, refuse, cancel.

What moves to the successor is each app's: an app registers a `Participant` (in its AppConfig.ready())
that previews what a confirmation would move and moves it inside the confirmation's transaction. The
kernel moves the unread notices and ends the membership. Its notices are a kind that cannot be muted.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import access, notification_kinds, notifications
from portal.models import HandoverRequest, Membership, Notification, Role, User
from portal.registry import Registry
from portal.task_retry import retrying_task

KIND = "handover"


class Step(StrEnum):
    """What happened to a request, as its notices say it (stored in their params)."""

    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    REFUSED = "refused"
    CANCELLED = "cancelled"


def _message(params: dict) -> str:
    names = {key: params.get(key, "") for key in ("leaver", "successor", "requester", "who")}
    step = params.get("step")
    if step == Step.REQUESTED:
        return (
            gettext(
                "%(requester)s さんから、あなたの受け持ちを %(successor)s さんに引き継いで"
                "所属を終了する依頼が届きました。"
                "承認するか断るかを選んでください。"
            )
            % names
        )
    if step == Step.CONFIRMED:
        return (
            gettext(
                "%(leaver)s さんから %(successor)s さんへの引継ぎが "
                "%(who)s さんに承認され、引き継がれました。"
            )
            % names
        )
    if step == Step.REFUSED:
        return (
            gettext(
                "%(leaver)s さんから %(successor)s さんへの引継ぎは %(who)s さんに断られました。"
                "理由は依頼の画面で確認できます。"
            )
            % names
        )
    return gettext("%(requester)s さんが、%(leaver)s さんの引継ぎの依頼を取り消しました。") % names


# A notice that one's own account is being handed over is not a preference: it cannot be turned off.
NOTIFICATION_KIND = notification_kinds.NotificationKind(
    slug=KIND, label=_("人事異動の引継ぎ"), message=_message, mutable=False
)


@dataclass(frozen=True)
class Item:
    """One thing a confirmation would hand over, as the confirmation page lists it."""

    reference: str
    title: str
    state: str
    url: str


@dataclass(frozen=True)
class Preview:
    """What a participant would move: sentences saying what happens, and the items themselves."""

    effects: list[str]
    caption: str
    items: list[Item]
    # The items table's column headings, in the participant's words.
    headers: tuple[str, str, str] = (_("番号"), _("件名"), _("状態"))


@dataclass(frozen=True)
class Participant:
    """An app's part in a hand-over; `label` names what it hands over (「未完了の相談とフォロー」), on the
    kernel's pages. `preview(viewer, leaver, successor, municipality) -> Preview` (as
    far as the viewer may see); `move(*, handover, leaver, successor, municipality, actor) -> int` runs
    inside the confirmation's transaction and returns how many items moved."""

    name: str
    label: str
    preview: Callable[..., Preview]
    move: Callable[..., int]


_participants: Registry[Participant] = Registry("hand-over participants")


def register(*participants: Participant) -> None:
    """Adds participants; a name already registered is a configuration error."""
    _participants.register(*participants)


def participants() -> list[Participant]:
    return list(_participants)


class HandoverError(ValidationError):
    """A rule of the hand-over said no; the message is for the user."""


class StaleHandover(HandoverError):
    def __init__(self, handover: HandoverRequest):
        super().__init__(
            _(
                "この引継ぎの依頼は、すでに %(who)s さんが「%(state)s」にしています。"
                "最新の状態を確認してください。"
            )
            % {"who": handover.decided_by or handover.requested_by, "state": handover.get_state_display()}
        )


def previews(viewer: User, handover: HandoverRequest) -> list[Preview]:
    """What each participant would move if the request were confirmed now (nothing once decided)."""
    if not handover.is_pending:
        return []
    membership = handover.leaver_membership
    return [
        participant.preview(viewer, membership.user, handover.successor, membership.municipality)
        for participant in _participants
    ]


def _check_successor(membership: Membership, successor: User) -> None:
    successor_membership = successor.current_membership
    if (
        access.role_of(successor) != Role.STAFF
        or successor_membership.municipality_id != membership.municipality_id
        or successor.pk == membership.user_id
    ):
        raise HandoverError(_("引継ぎ先は同じ市町村の有効な職員を選んでください。"))


def _notify(handover: HandoverRequest, step: str, actor: User, recipients) -> None:
    notify.enqueue(
        handover_id=handover.pk,
        step=step,
        actor_id=actor.pk,
        recipient_ids=sorted({user.pk for user in recipients}),
    )


def handover_request(
    *, actor: User, leaver_membership_id: int, successor: User, note: str = ""
) -> HandoverRequest:
    """Ask for a 人事異動 hand-over. Nothing moves yet: the leaver, an advisor or an admin confirms it
    (handover_confirm); the leaver is told."""
    with transaction.atomic():
        # The membership's row lock queues concurrent requests for the same leaver.
        membership = (
            Membership.objects.select_for_update().select_related("user").get(pk=leaver_membership_id)
        )
        access.require(actor, "handover.request", membership)
        if membership.state != Membership.State.ACTIVE:
            raise HandoverError(_("この職員の所属はすでに終了しています。"))
        _check_successor(membership, successor)
        if HandoverRequest.objects.filter(
            leaver_membership=membership, state=HandoverRequest.State.PENDING
        ).exists():
            raise HandoverError(
                _("%(leaver)s さんの引継ぎはすでに依頼されていて、承認を待っています。")
                % {"leaver": membership.user}
            )
        handover = HandoverRequest.objects.create(
            leaver_membership=membership, successor=successor, requested_by=actor, note=note.strip()
        )
        _notify(handover, Step.REQUESTED, actor, [membership.user])
    return handover


def _locked_pending(handover_id: int) -> tuple[HandoverRequest, Membership]:
    """The request and its leaver's membership, locked in the order handover_request takes them."""
    membership_id = HandoverRequest.objects.values_list("leaver_membership_id", flat=True).get(pk=handover_id)
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "municipality")
        .get(pk=membership_id)
    )
    handover = (
        HandoverRequest.objects.select_for_update(of=("self",))
        .select_related("successor", "requested_by", "decided_by")
        .get(pk=handover_id)
    )
    handover.leaver_membership = membership
    return handover, membership


def _check_pending(handover: HandoverRequest) -> None:
    if not handover.is_pending:
        raise StaleHandover(handover)


def _decide(handover: HandoverRequest, state: str, actor: User, note: str, **fields) -> None:
    handover.state = state
    handover.decided_by = actor
    handover.decided_at = timezone.now()
    handover.decision_note = note.strip()
    for name, value in fields.items():
        setattr(handover, name, value)
    handover.save(update_fields=["state", "decided_by", "decided_at", "decision_note", *fields])


def _hand_over(handover: HandoverRequest, membership: Membership, actor: User) -> int:
    """人事異動, applied: every participant moves its part, the leaver's unread notices go to the
    successor, and the leaver's membership ends. The caller holds the membership's row lock. Returns
    how many items moved."""
    if membership.state != Membership.State.ACTIVE:
        raise HandoverError(_("この職員の所属はすでに終了しています。"))
    successor = handover.successor
    _check_successor(membership, successor)
    leaver = membership.user
    moved = sum(
        participant.move(
            handover=handover,
            leaver=leaver,
            successor=successor,
            municipality=membership.municipality,
            actor=actor,
        )
        for participant in _participants
    )
    # Notices about the leaver's own hand-over stay theirs; the rest are the work the successor takes on.
    Notification.objects.filter(recipient=leaver, read_at__isnull=True).exclude(kind=KIND).exclude(
        key__in=Notification.objects.filter(recipient=successor).values("key")
    ).update(recipient=successor)
    membership.state = Membership.State.ENDED
    membership.ended_on = timezone.localdate()
    membership.decided_by = actor
    membership.save(update_fields=["state", "ended_on", "decided_by"])
    return moved


def handover_confirm(*, handover_id: int, actor: User, note: str = "") -> HandoverRequest:
    """The leaver, an advisor or an admin confirms: the hand-over is applied in the same transaction."""
    with transaction.atomic():
        handover, membership = _locked_pending(handover_id)
        access.require(actor, "handover.confirm", handover)
        _check_pending(handover)
        moved = _hand_over(handover, membership, actor)
        _decide(handover, HandoverRequest.State.CONFIRMED, actor, note, moved_count=moved)
        _notify(handover, Step.CONFIRMED, actor, [handover.requested_by, handover.successor, membership.user])
    return handover


def handover_refuse(*, handover_id: int, actor: User, reason: str) -> HandoverRequest:
    """The leaver, an advisor or an admin says no, with a reason the requester reads."""
    with transaction.atomic():
        handover, membership = _locked_pending(handover_id)
        access.require(actor, "handover.refuse", handover)
        _check_pending(handover)
        if not reason.strip():
            raise HandoverError(_("断る理由を書いてください。"))
        _decide(handover, HandoverRequest.State.REFUSED, actor, reason)
        _notify(handover, Step.REFUSED, actor, [handover.requested_by, membership.user])
    return handover


def handover_cancel(*, handover_id: int, actor: User) -> HandoverRequest:
    """The requester takes the request back; the leaver, who was asked, is told."""
    with transaction.atomic():
        handover, membership = _locked_pending(handover_id)
        access.require(actor, "handover.cancel", handover)
        _check_pending(handover)
        _decide(handover, HandoverRequest.State.CANCELLED, actor, "")
        _notify(handover, Step.CANCELLED, actor, [membership.user])
    return handover


def _params(step: str, handover: HandoverRequest) -> dict:
    """What happened at this step (not the state the request has when the task runs), as data."""
    decided_by = handover.decided_by
    return {
        "step": step,
        "leaver": handover.leaver_membership.user.get_full_name(),
        "successor": handover.successor.get_full_name(),
        "requester": handover.requested_by.get_full_name(),
        "who": decided_by.get_full_name() if decided_by else "",
    }


def deliver_notice(*, handover_id: int, step: str, actor_id: int | None, recipient_ids) -> int:
    """Store and mail one step's notice to the people concerned (not to who took the step)."""
    handover = HandoverRequest.objects.select_related(
        "leaver_membership__user", "successor", "requested_by", "decided_by"
    ).get(pk=handover_id)
    recipients = User.objects.filter(pk__in=recipient_ids).exclude(pk=actor_id)
    return notifications.deliver(
        kind=KIND,
        key=f"handover:{handover.pk}:{step}",
        recipients=list(recipients),
        params=_params(step, handover),
        url=reverse("handover_detail", args=[handover.pk]),
    )


@retrying_task()
def notify(*, handover_id: int, step: str, actor_id: int | None = None, recipient_ids=()) -> int:
    return deliver_notice(handover_id=handover_id, step=step, actor_id=actor_id, recipient_ids=recipient_ids)
