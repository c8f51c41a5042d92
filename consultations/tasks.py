"""The desk's scheduled background work, which drives the services.

Services never import this module: the tasks they enqueue live in consultations.notifications.
`notify` is imported here too, so tasks queued under its former path `consultations.tasks.notify`
still resolve.
"""

import datetime

from django.utils import timezone

from consultations import exports, services, sla
from consultations.models import Consultation, NotificationKind, Status
from consultations.notifications import notify
from portal.task_retry import retrying_task


@retrying_task()
def daily_sweep(*, today: str | None = None) -> dict:
    """Close long-resolved consultations, remind assignees of what is due soon and delete expired
    export files (run once a day)."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    closed = services.consultation_auto_close(today=day)
    reminded = 0
    candidates = Consultation.objects.filter(
        status__in=[Status.NEW, Status.IN_PROGRESS], assignee__isnull=False
    )
    for consultation in candidates.iterator():
        if sla.is_due_soon(consultation, today=day) or sla.is_overdue(consultation, today=day):
            notify.enqueue(
                kind=NotificationKind.DUE_SOON,
                key=f"due:{consultation.pk}:{day.isoformat()}",
                consultation_id=consultation.pk,
                recipient_ids=[consultation.assignee_id],
            )
            reminded += 1
    return {"closed": closed, "reminded": reminded, "exports_expired": exports.exports_expire()}
