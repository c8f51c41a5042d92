"""The weekly digest e-mail: new and solved posts of the past week in what a reader follows, for those
who asked for it, only what the reader may see, never on a day the offices are closed.

The digest of a week goes out on its Monday, or on the next business day when that Monday is not one
(a holiday, 12/29–1/3); `manage.py knowhow_digest`, run daily by cron, enqueues `weekly_digest`, which
does nothing on other days. Each person gets one digest a week (DigestSent), so a retried task or a
second run mails nobody twice.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from knowhow import following, policy
from knowhow.models import DigestSent, DigestSubscription, Post, PostState, Watch, WatchLevel
from portal import calendar
from portal.models import User
from portal.task_retry import retrying_task

logger = logging.getLogger(__name__)

WEEK = datetime.timedelta(days=7)


class DigestMailFailed(Exception):
    """Some readers' digests failed (each is logged); raised after everyone else was served."""


def week_of(day: datetime.date) -> datetime.date:
    """The Monday of the day's week."""
    return day - datetime.timedelta(days=day.weekday())


def is_digest_day(day: datetime.date) -> bool:
    """A business day on or after the first business day of its week (the week's Monday, or later when
    that Monday is closed); later days of the week only serve those not yet served."""
    return calendar.is_business_day(day) and day >= calendar.add_business_days(week_of(day), 0)


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def followed_posts(reader: User, since: datetime.date, until: datetime.date) -> tuple[list[Post], list[Post]]:
    """What the reader's digest lists: posts published, and questions solved, in [since, until), that
    the reader may open (policy.posts_for), that someone else wrote, and that the reader follows at
    ウォッチ or 追跡 (their effective level, so a muted post stays out)."""
    start, end = _start_of(since), _start_of(until)
    watches = Watch.objects.filter(user=reader).exclude(level=WatchLevel.MUTED)
    followed = (
        Q(pk__in=watches.filter(post__isnull=False).values("post"))
        | Q(tags__in=watches.filter(tag__isnull=False).values("tag"))
        | Q(system_areas__in=watches.filter(system_area__isnull=False).values("system_area"))
    )
    candidates = (
        policy.posts_for(reader)
        .filter(state=PostState.PUBLISHED)
        .exclude(author=reader)
        .filter(
            Q(published_at__gte=start, published_at__lt=end) | Q(accepted_at__gte=start, accepted_at__lt=end)
        )
        .filter(followed)
        .distinct()
        .order_by("-published_at", "-pk")
    )
    kept = [
        post
        for post in candidates
        if following.at_least(following.level_of(reader, post), WatchLevel.TRACKING)
    ]
    new = [post for post in kept if start <= post.published_at < end]
    solved = [post for post in kept if post not in new and post.is_solved]
    return new, solved


def _mail(reader: User, new: list[Post], solved: list[Post], until: datetime.date) -> None:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(reader.language or settings.LANGUAGE_CODE):
        context = {
            "recipient": reader,
            "new": [(post, base + reverse("knowhow:detail", args=[post.pk])) for post in new],
            "solved": [(post, base + reverse("knowhow:detail", args=[post.pk])) for post in solved],
            "settings_url": base + reverse("knowhow:following"),
        }
        count = len(new) + len(solved)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + ngettext(
            "ノウハウ共有 週間ダイジェスト（%(count)d件）",
            "ノウハウ共有 週間ダイジェスト（%(count)d件）",
            count,
        ) % {"count": count}
        message = render_to_string("knowhow/email/digest.txt", context)
    send_mail(subject=subject, message=message, from_email=None, recipient_list=[reader.email])


def send_digest(reader: User, day: datetime.date) -> int:
    """The reader's digest for the week of `day`, once: returns 1 if a mail went out. A week with
    nothing to report is recorded without a mail."""
    week = week_of(day)
    previous = DigestSent.objects.filter(user=reader, week__lt=week).order_by("-week").first()
    # Pick up where the last digest stopped (a holiday may have delayed it), but never more than 2 weeks back.
    since = max(previous.covered_until, day - 2 * WEEK) if previous else day - WEEK
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = DigestSent.objects.create(user=reader, week=week, covered_until=day)
        except IntegrityError:
            return 0  # this week's digest was made already
        new, solved = followed_posts(reader, since, day)
        record.items = len(new) + len(solved)
        record.save(update_fields=["items"])
        if not record.items:
            return 0
        # Inside the transaction: a mail that fails leaves no record, so the retry sends it.
        _mail(reader, new, solved, day)
    return 1


@retrying_task()
def weekly_digest(*, day: str) -> int:
    """Send the week's digests that are due on `day` (ISO date); returns how many were mailed."""
    day = datetime.date.fromisoformat(day)
    if not is_digest_day(day):
        return 0
    mailed, failed = 0, []
    readers = User.objects.filter(pk__in=DigestSubscription.objects.values("user"), is_active=True).order_by(
        "pk"
    )
    for reader in readers:
        try:
            mailed += send_digest(reader, day)
        except Exception:
            logger.exception("Could not mail the know-how digest to user %s", reader.pk)
            failed.append(reader.pk)
    if failed:
        # Everyone else has theirs; the retry mails only those without a digest this week.
        raise DigestMailFailed(failed)
    return mailed
