"""Reusable reads for the desk. Every queryset starts from portal.access, so scope is never forgotten."""

import datetime

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from consultations import counts, policy
from consultations.models import (
    OPEN_STATUSES,
    RUNNING_STATUSES,
    TRANSITIONS,
    Consultation,
    LatestFiling,
    Message,
    Status,
    Visit,
)
from portal import access
from portal.models import Municipality


def overdue_q(today: datetime.date) -> Q:
    """Open, not waiting on the municipality, and past a due date (mirrors sla.is_overdue)."""
    late_first = Q(first_response_at__isnull=True, first_response_due__lt=today)
    return Q(status__in=RUNNING_STATUSES) & (late_first | Q(resolution_due__lt=today))


def for_listing(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    """The queue's rows with what its table shows (assignee, municipalities), and no more: not the
    requester, the system areas or the body, which only the detail page reads."""
    return (
        queryset.defer("body")
        .select_related("assignee")
        .prefetch_related(Prefetch("municipalities", queryset=Municipality.objects.order_by("kana_sort")))
    )


def queue_counts(user, queue_filter) -> dict[str, int]:
    """Counts per status beside the queue: the kept counts of the user's scope unless a filter narrows it."""
    if queue_filter.narrowed():
        return counts_by_status(queue_filter.qs_without("status"))
    own = None if access.is_advisor_like(user) else access.municipality_of(user)
    kept = counts.by_status(own.pk if own else None)
    return {status: kept.get(status, 0) for status in Status.values}


def counts_by_status(queryset: QuerySet[Consultation]) -> dict[str, int]:
    found = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: found.get(status, 0) for status in Status.values}


def detail(user, reference: str) -> Consultation:
    """The consultation with this reference, if the user may see it (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        policy.consultations_for(user)
        .select_related("requester", "assignee")
        .prefetch_related("municipalities", "system_areas", "followers"),
        reference=reference,
    )


def thread(user, consultation: Consultation) -> QuerySet[Message]:
    """Replies, and internal notes only for those who may see them."""
    messages = consultation.messages.select_related("author").prefetch_related("attachments", "revisions")
    if not access.can(user, "consultation.view_internal", consultation):
        messages = messages.filter(internal=False)
    return messages


def top_level_attachments(consultation: Consultation):
    return consultation.attachments.filter(message__isnull=True)


def allowed_transitions(user, consultation: Consultation) -> list[str]:
    return [
        status
        for status in Status.values
        if status in TRANSITIONS[consultation.status]
        and access.can(user, "consultation.transition", consultation, to=status)
    ]


def upcoming_visits(user, *, today: datetime.date) -> QuerySet[Visit]:
    visits = policy.visits_for(user).select_related("municipality", "consultation", "requested_by")
    return visits.filter(
        Q(state=Visit.State.REQUESTED) | Q(state=Visit.State.SCHEDULED, scheduled_on__gte=today)
    )


def dashboard(user, *, today: datetime.date) -> dict:
    """Aggregates only: no consultation's text ever reaches the dashboard. The figures come from the kept
    counts (consultations.counts) and indexed ranges, so the page costs the same at any size."""
    kept = counts.by_status()
    since = (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
    filed = counts.by_municipality(since)
    per_municipality = list(Municipality.objects.filter(pk__in=filed).only("name", "name_en", "kana_sort"))
    for municipality in per_municipality:
        municipality.n = filed[municipality.pk]
    per_municipality.sort(key=lambda m: (-m.n, m.kana_sort))
    return {
        "open_by_status": {status: kept.get(status, 0) for status in OPEN_STATUSES},
        "overdue": counts.overdue(today=today),
        "per_month_category": counts.by_month_and_category(since),
        "per_municipality": per_municipality,
        "ratings": counts.ratings(),
        "no_contact": municipalities_without_contact(today=today),
    }


def municipalities_without_contact(*, today: datetime.date) -> list[Municipality]:
    """Municipalities with neither a consultation nor a visit in the last N months: who may need help.
    Each one's latest filing is a kept row (counts.LatestFiling), so this reads no consultation."""
    months = settings.CONSULTATION_NO_CONTACT_MONTHS
    since_date = today - datetime.timedelta(days=round(months * 30.44))
    since = timezone.make_aware(datetime.datetime.combine(since_date, datetime.time()))
    latest = LatestFiling.objects.filter(municipality=OuterRef("pk")).values("filed_at")
    return list(
        Municipality.in_display_order(
            Municipality.objects.annotate(last_consultation=Subquery(latest))
            .filter(Q(last_consultation__isnull=True) | Q(last_consultation__lt=since))
            .exclude(Exists(Visit.objects.filter(municipality=OuterRef("pk"), created_at__gte=since)))
            .exclude(
                Exists(
                    Visit.objects.filter(
                        municipality=OuterRef("pk"),
                        state__in=[Visit.State.SCHEDULED, Visit.State.DONE],
                        scheduled_on__gte=since_date,
                    )
                )
            )
        )
    )
