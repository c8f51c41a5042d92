"""The desk's notifications (in-app and e-mail), sent by a background task.

Services enqueue `notify` inside their transaction. This module imports no service, so the arrow points
one way: consultations.tasks, which drives the services, imports them and this module.

`notify` is idempotent: a notice is stored once per (recipient, key) and mailed once, so a retry after a
failure (portal.task_retry) repeats nothing the user already got.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from consultations import policy
from consultations.models import (
    Consultation,
    Event,
    HandoverRequest,
    Notification,
    NotificationKind,
    NotificationOptOut,
    Visit,
)
from portal import access
from portal.models import Membership, Role, User
from portal.sanitize import one_line
from portal.task_retry import retrying_task

logger = logging.getLogger(__name__)


def _params(
    kind: str,
    consultation: Consultation | None,
    actor: User | None,
    visit: Visit | None,
    event: Event | None = None,
) -> dict:
    """What the notice says, as data: each reader gets the sentence in their own language."""
    params = {}
    if consultation is not None:
        params["ref"] = consultation.reference
        if kind in (NotificationKind.NEW_CONSULTATION, NotificationKind.ASSIGNED):
            params["title"] = consultation.title
    if actor is not None:
        params["who"] = actor.get_full_name()
    if kind == NotificationKind.STATUS:
        # The status that was set, not the one the consultation has when the task runs.
        params["status"] = event.to_status if event and event.to_status else consultation.status
    if visit is not None:
        params["municipality"] = visit.municipality.name
        params["municipality_en"] = visit.municipality.name_en
    return params


def _handover_params(step: str, handover: HandoverRequest) -> dict:
    """What happened at this step (not the state the request has when the task runs), as data."""
    decided_by = handover.decided_by
    return {
        "step": step,
        "leaver": handover.leaver_membership.user.get_full_name(),
        "successor": handover.successor.get_full_name(),
        "requester": handover.requested_by.get_full_name(),
        "who": decided_by.get_full_name() if decided_by else "",
    }


def _recipients(kind: str, consultation: Consultation | None, visit: Visit | None, explicit) -> list[User]:
    if explicit:
        return list(User.objects.filter(pk__in=explicit))
    if kind == NotificationKind.NEW_CONSULTATION:
        return list(
            User.objects.filter(
                is_active=True,
                # The advisors who answer at the desk; admins are not on its rota.
                memberships__role=Role.ADVISOR,
                memberships__state=Membership.State.ACTIVE,
            ).distinct()
        )
    people = {}
    if consultation is not None:
        if consultation.assignee_id:
            people[consultation.assignee_id] = consultation.assignee
        for follower in consultation.followers.all():
            people[follower.pk] = follower
        if kind != NotificationKind.NOTE:
            people[consultation.requester_id] = consultation.requester
    if visit is not None and visit.requested_by_id:
        people[visit.requested_by_id] = visit.requested_by
    return list(people.values())


def _may_see(user: User, kind: str, consultation: Consultation | None, visit: Visit | None) -> bool:
    if consultation is not None and not access.can(user, "consultation.view", consultation):
        return False
    if kind == NotificationKind.NOTE and not access.can(user, "consultation.view_internal", consultation):
        return False
    return not (visit is not None and not policy.visits_for(user).filter(pk=visit.pk).exists())


class NotificationMailFailed(Exception):
    """Some recipients' mail failed (each is logged); raised after everyone else was served."""


def _mail_once(recipient: User, *, key: str, url: str) -> int:
    """Mail the recipient's notice unless it was mailed already (a retry); returns 1 if mailed."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(recipient=recipient, key=key)
        if notification.emailed_at is not None:
            return 0
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            text = notification.message
            context = {
                "recipient": recipient,
                "text": text,
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url,
            }
            subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + text
            message = render_to_string("consultations/email/notification.txt", context)
        send_mail(
            # A header holds one line: whatever the text holds, the subject never breaks.
            subject=one_line(subject),
            message=message,
            from_email=None,
            recipient_list=[recipient.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return 1


@retrying_task()
def notify(
    *,
    kind: str,
    key: str,
    consultation_id: int | None = None,
    actor_id: int | None = None,
    visit_id: int | None = None,
    recipient_ids: list[int] | None = None,
    event_id: int | None = None,
    handover_id: int | None = None,
    handover_step: str = "",
) -> int:
    """Store the in-app notice and send the e-mail for one event; returns how many were mailed."""
    consultation = (
        Consultation.objects.select_related("assignee", "requester").filter(pk=consultation_id).first()
        if consultation_id
        else None
    )
    visit = Visit.objects.select_related("municipality", "requested_by").filter(pk=visit_id).first()
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    event = Event.objects.filter(pk=event_id).first() if event_id else None
    handover = (
        HandoverRequest.objects.select_related(
            "leaver_membership__user", "successor", "requested_by", "decided_by"
        ).get(pk=handover_id)
        if handover_id
        else None
    )
    muted = set(NotificationOptOut.objects.filter(kind=kind).values_list("user_id", flat=True))
    if handover is not None:
        url = reverse("consultations:handover_detail", args=[handover.pk])
    elif consultation is not None:
        url = reverse("consultations:detail", args=[consultation.reference])
    elif visit is not None:
        url = reverse("consultations:visits")
    else:
        url = ""
    mailed = 0
    failed = []
    params = (
        _handover_params(handover_step, handover)
        if handover is not None
        else _params(kind, consultation, actor, visit, event)
    )
    for recipient in _recipients(kind, consultation, visit, recipient_ids):
        if recipient.pk == actor_id or recipient.pk in muted or not recipient.is_active:
            continue
        if not _may_see(recipient, kind, consultation, visit):
            continue
        # The in-app notice stands on its own: a mail that fails must not take it away.
        with transaction.atomic():
            Notification.objects.get_or_create(
                recipient=recipient,
                key=key,
                defaults={"kind": kind, "consultation": consultation, "params": params, "url": url},
            )
        try:
            mailed += _mail_once(recipient, key=key, url=url)
        except Exception:
            logger.exception("Could not mail notice %s to user %s", key, recipient.pk)
            failed.append(recipient.pk)
    if failed:
        # Everyone else has their notice and mail; a retry mails only those not mailed yet.
        raise NotificationMailFailed(key, failed)
    return mailed
