"""The desk's kinds of notice, their sentences, and who receives each: sent by a background task.

Services enqueue `notify` inside their transaction. This module imports no service, so the arrow points
one way: consultations.tasks, which drives the services, imports them and this module. Storing, muting,
mailing and retrying safely are the kernel's (portal.notifications.deliver).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext

from consultations import policy
from consultations.models import Consultation, Event, NotificationKind, Status, Visit
from portal import access, handover, notification_kinds, notifications
from portal.localize import localized
from portal.models import Membership, Role, User
from portal.task_retry import retrying_task


def _new_consultation(params: dict) -> str:
    return gettext("新しい相談 %(ref)s「%(title)s」が届きました。") % {
        "ref": params.get("ref", ""),
        "title": params.get("title", ""),
    }


def _assigned(params: dict) -> str:
    return gettext("相談 %(ref)s「%(title)s」の担当になりました。") % {
        "ref": params.get("ref", ""),
        "title": params.get("title", ""),
    }


def _who(params: dict) -> str:
    return params.get("who") or gettext("窓口")


def _reply(params: dict) -> str:
    return gettext("%(who)s さんが相談 %(ref)s に書き込みました。") % {
        "who": _who(params),
        "ref": params.get("ref", ""),
    }


def _note(params: dict) -> str:
    return gettext("%(who)s さんが相談 %(ref)s に内部メモを追加しました。") % {
        "who": _who(params),
        "ref": params.get("ref", ""),
    }


def _status(params: dict) -> str:
    status = params.get("status", "")
    label = Status(status).label if status in Status.values else status
    return gettext("相談 %(ref)s の状態が「%(status)s」になりました。") % {
        "ref": params.get("ref", ""),
        "status": label,
    }


def _due_soon(params: dict) -> str:
    return gettext("相談 %(ref)s の期限が近づいています。") % {"ref": params.get("ref", "")}


def _visit(params: dict) -> str:
    municipality = localized(params.get("municipality", ""), params.get("municipality_en", ""))
    return gettext("%(municipality)s への出前相談が予定されました。") % {"municipality": municipality}


def still_theirs(user) -> Q:
    """A desk notice stays listed while its consultation is one the reader may see (a moved member, a
    municipality taken off a case no longer reads about it)."""
    return Q(content_type__isnull=True) | Q(
        content_type=ContentType.objects.get_for_model(Consultation),
        object_id__in=policy.consultations_for(user).values("pk"),
    )


_MESSAGES = {
    NotificationKind.NEW_CONSULTATION: _new_consultation,
    NotificationKind.ASSIGNED: _assigned,
    NotificationKind.REPLY: _reply,
    NotificationKind.NOTE: _note,
    NotificationKind.STATUS: _status,
    NotificationKind.DUE_SOON: _due_soon,
    NotificationKind.VISIT: _visit,
}

KINDS = [
    notification_kinds.NotificationKind(
        slug=kind.value, label=kind.label, message=_MESSAGES[kind], visible=still_theirs
    )
    for kind in NotificationKind
]


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
    if handover_id:
        # Queued before the hand-over moved to the kernel, whose own task sends these now.
        return handover.deliver_notice(
            handover_id=handover_id, step=handover_step, actor_id=actor_id, recipient_ids=recipient_ids or []
        )
    consultation = (
        Consultation.objects.select_related("assignee", "requester").filter(pk=consultation_id).first()
        if consultation_id
        else None
    )
    visit = Visit.objects.select_related("municipality", "requested_by").filter(pk=visit_id).first()
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    event = Event.objects.filter(pk=event_id).first() if event_id else None
    if consultation is not None:
        url = reverse("consultations:detail", args=[consultation.reference])
    elif visit is not None:
        url = reverse("consultations:visits")
    else:
        url = ""
    params = _params(kind, consultation, actor, visit, event)
    recipients = [
        recipient
        for recipient in _recipients(kind, consultation, visit, recipient_ids)
        if recipient.pk != actor_id and _may_see(recipient, kind, consultation, visit)
    ]
    return notifications.deliver(
        kind=kind, key=key, recipients=recipients, params=params, url=url, target=consultation
    )
