"""The events' kinds of notice, sent by a background task that services enqueue in their transaction.

Storing, muting, mailing and retrying safely are the kernel's (portal.notifications.deliver); a key per
registration or request and step makes a repeated task send nothing twice.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import notification_kinds, notifications
from portal.models import User
from portal.task_retry import retrying_task

PROMOTED = "events_promoted"
CANCELLED = "events_cancelled"
REMINDER = "events_reminder"
FOLLOW_UP = "events_follow_up"
VISIT_REQUESTED = "events_visit_requested"
VISIT_DECIDED = "events_visit_decided"


def _title(params: dict) -> dict:
    return {"title": params.get("title", "")}


KINDS = [
    notification_kinds.NotificationKind(
        slug=PROMOTED,
        label=_("イベント：キャンセル待ちからの繰上げ"),
        message=lambda p: gettext("「%(title)s」のキャンセル待ちから参加確定になりました。") % _title(p),
    ),
    notification_kinds.NotificationKind(
        slug=CANCELLED,
        label=_("イベント：中止のお知らせ"),
        message=lambda p: gettext("申し込んでいた「%(title)s」は中止になりました。") % _title(p),
        mutable=False,
    ),
    notification_kinds.NotificationKind(
        slug=REMINDER,
        label=_("イベント：前開庁日のリマインダー"),
        message=lambda p: gettext("「%(title)s」は次の開庁日に開催されます。") % _title(p),
    ),
    notification_kinds.NotificationKind(
        slug=FOLLOW_UP,
        label=_("イベント：参加後アンケートのお願い"),
        message=lambda p: gettext("「%(title)s」の参加後アンケートにご協力ください。") % _title(p),
    ),
    notification_kinds.NotificationKind(
        slug=VISIT_REQUESTED,
        label=_("視察：自団体への視察の申込み"),
        message=lambda p: gettext("事例「%(title)s」について視察の申込みが届きました。") % _title(p),
    ),
    notification_kinds.NotificationKind(
        slug=VISIT_DECIDED,
        label=_("視察：申込みへの回答"),
        message=lambda p: gettext("事例「%(title)s」の視察の申込みに回答がありました。") % _title(p),
    ),
]


@retrying_task()
def notify(*, kind: str, key: str, user_ids: list[int], title: str, url: str) -> int:
    """Deliver one notice to these people (chosen by the service that enqueued it)."""
    recipients = User.objects.filter(pk__in=user_ids).order_by("pk")
    return notifications.deliver(kind=kind, key=key, recipients=recipients, params={"title": title}, url=url)
