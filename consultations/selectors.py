"""Reusable reads for the desk. Every queryset starts from portal.access, so scope is never forgotten."""

import datetime

from django.conf import settings
from django.db.models import (
    Avg,
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from consultations import policy
from consultations.models import OPEN_STATUSES, TRANSITIONS, Consultation, Message, Rating, Status, Visit
from portal import access
from portal.models import Municipality


def overdue_q(today: datetime.date) -> Q:
    """Open, not waiting on the municipality, and past a due date (mirrors sla.is_overdue)."""
    late_first = Q(first_response_at__isnull=True, first_response_due__lt=today)
    return Q(status__in=[Status.NEW, Status.IN_PROGRESS]) & (late_first | Q(resolution_due__lt=today))


def for_listing(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return queryset.select_related("requester", "assignee").prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("kana_sort")), "system_areas"
    )


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
    """Aggregates only: no consultation's text ever reaches the dashboard."""
    consultations = Consultation.objects.all()
    open_by_status = counts_by_status(consultations.filter(status__in=OPEN_STATUSES))
    overdue = consultations.filter(overdue_q(today)).count()
    since = (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time()))
    per_month_category = list(
        consultations.filter(created_at__gte=start)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "category")
        .annotate(n=Count("pk"))
        .order_by("month", "category")
    )
    per_municipality = list(
        Municipality.objects.annotate(
            n=Count("consultations", filter=Q(consultations__created_at__gte=start), distinct=True)
        )
        .filter(n__gt=0)
        .order_by("-n", "kana_sort")
        .only("name", "name_en")
    )
    ratings = Rating.objects.aggregate(
        average=Avg("score"),
        count=Count("pk"),
        solved=Count("pk", filter=Q(solved=Rating.Outcome.YES)),
        went_ahead=Count("pk", filter=Q(went_ahead=Rating.Outcome.YES)),
    )
    return {
        "open_by_status": open_by_status,
        "overdue": overdue,
        "per_month_category": per_month_category,
        "per_municipality": per_municipality,
        "ratings": ratings,
        "no_contact": municipalities_without_contact(today=today),
    }


def municipalities_without_contact(*, today: datetime.date) -> list[Municipality]:
    """Municipalities with neither a consultation nor a visit in the last N months: who may need help."""
    months = settings.CONSULTATION_NO_CONTACT_MONTHS
    since_date = today - datetime.timedelta(days=round(months * 30.44))
    since = timezone.make_aware(datetime.datetime.combine(since_date, datetime.time()))
    silent = (
        Municipality.objects.annotate(last_consultation=Max("consultations__created_at"))
        .exclude(consultations__created_at__gte=since)
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
    return list(Municipality.in_display_order(silent))
