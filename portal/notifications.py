"""Delivering notices (in the app and by e-mail) for every app, and a user's own notice settings.

An app registers its kinds (portal.notification_kinds), decides in its own task who receives a notice
and what it says as data, and hands that to `deliver`. Delivery is idempotent: a notice is stored once
per (recipient, key) and mailed once, so a retry after a failure (portal.task_retry) repeats nothing the
user already got.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal import notification_kinds
from portal.models import Notification, NotificationOptOut, User
from portal.sanitize import one_line

logger = logging.getLogger(__name__)


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
            message = render_to_string("portal/email/notification.txt", context)
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


def deliver(*, kind: str, key: str, recipients, params: dict, url: str = "", target=None) -> int:
    """Store the notice for each recipient and mail it to them; returns how many were mailed.

    Users who turned the kind off (if it may be turned off) and inactive users get nothing. A mail that
    fails costs nobody else theirs: the failure is logged and raised after everyone was served."""
    registered = notification_kinds.get(kind)
    if registered is None:
        raise ValueError(f"Unknown notification kind: {kind}")
    muted = (
        set(NotificationOptOut.objects.filter(kind=kind).values_list("user_id", flat=True))
        if registered.mutable
        else set()
    )
    about = (
        {"content_type": ContentType.objects.get_for_model(target), "object_id": target.pk}
        if target is not None
        else {}
    )
    mailed = 0
    failed = []
    for recipient in recipients:
        if recipient.pk in muted or not recipient.is_active:
            continue
        # The in-app notice stands on its own: a mail that fails must not take it away.
        with transaction.atomic():
            Notification.objects.get_or_create(
                recipient=recipient,
                key=key,
                defaults={"kind": kind, "params": params, "url": url, **about},
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


def notifications_mark_read(*, actor: User, target=None) -> int:
    """Mark the user's unread notices read (those about one object, or all)."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if target is not None:
        unread = unread.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
    return unread.update(read_at=timezone.now())


def notification_preferences_set(*, actor: User, muted_kinds) -> None:
    """Keep exactly these kinds turned off for the user; a kind that may not be turned off is ignored."""
    mutable = {kind.slug for kind in notification_kinds.mutable()}
    muted = [kind for kind in muted_kinds if kind in mutable]
    with transaction.atomic():
        NotificationOptOut.objects.filter(user=actor).exclude(kind__in=muted).delete()
        for kind in muted:
            NotificationOptOut.objects.get_or_create(user=actor, kind=kind)


def muted_kinds_of(user: User) -> set[str]:
    return set(NotificationOptOut.objects.filter(user=user).values_list("kind", flat=True))
