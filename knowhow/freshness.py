"""When a published post is 「要確認」: its last check is older than its review period, or it was last
checked before the current 年度 (April to March) and cites a 通知 (notices are reissued each 年度).

`is_due` answers for one post and `due` filters a queryset by the same rule in SQL, so the badge on a
post and the advisors' review queue never disagree."""

import calendar
import datetime
from enum import StrEnum

from django.db.models import DateField, Exists, ExpressionWrapper, F, Func, OuterRef, Q, QuerySet
from django.utils import timezone

from knowhow.models import Post, PostState, Source, SourceKind


def fiscal_year_start(day: datetime.date) -> datetime.date:
    """The first day of the 年度 that `day` belongs to (1 April)."""
    return datetime.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`months` later, on the month's last day when it is shorter (as PostgreSQL adds an interval)."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Reason(StrEnum):
    PERIOD = "period"  # the review period has passed since the last check
    NOTICE = "notice"  # a cited notice, last checked before the current 年度


def reason(post: Post, today: datetime.date | None = None) -> Reason | None:
    """Why a post is 「要確認」, or None when it is not."""
    if post.state != PostState.PUBLISHED or post.obsolete:
        return None
    today = today or timezone.localdate()
    checked = post.last_checked_on
    if checked is None or add_months(checked, post.review_months) < today:
        return Reason.PERIOD
    if checked < fiscal_year_start(today) and post.sources.filter(kind=SourceKind.NOTICE).exists():
        return Reason.NOTICE
    return None


def is_due(post: Post, today: datetime.date | None = None) -> bool:
    return reason(post, today) is not None


class _MonthsInterval(Func):
    """PostgreSQL's make_interval(months => n)."""

    template = "make_interval(months => %(expressions)s)"


def due(posts: QuerySet[Post], today: datetime.date | None = None) -> QuerySet[Post]:
    """The published, not obsolete posts of `posts` that are due for review, the longest unchecked first."""
    today = today or timezone.localdate()
    review_by = ExpressionWrapper(
        F("last_checked_on") + _MonthsInterval(F("review_months")), output_field=DateField()
    )
    cites_notice = Exists(Source.objects.filter(post=OuterRef("pk"), kind=SourceKind.NOTICE))
    return (
        posts.filter(state=PostState.PUBLISHED, obsolete=False)
        .alias(review_by=review_by, cites_notice=cites_notice)
        .filter(
            Q(last_checked_on__isnull=True)
            | Q(review_by__lt=today)
            | Q(last_checked_on__lt=fiscal_year_start(today), cites_notice=True)
        )
        .order_by(F("last_checked_on").asc(nulls_first=True), "pk")
    )
