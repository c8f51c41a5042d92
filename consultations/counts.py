"""Counts of consultations kept as they change, so that lists and the dashboard never count the table.

The rows (consultations.models): per status (StatusCount) and per month filed and category
(MonthlyCount), each over all consultations (no municipality) and per owning municipality; the running
consultations per next due date (DueCount: how many are overdue on a day); the ratings per answer
(RatingCount); each municipality's latest filing (LatestFiling). The services call :func:`filed`,
:func:`status_changed`, :func:`due_moved` and :func:`rated` inside the transaction that makes the
change, so a counted change and the change itself commit or roll back together. A bulk load that
bypasses the services (a benchmark's COPY) ends with :func:`recount`; :func:`drift` says whether the
rows still agree with the table (``manage.py consultation_counts``).
"""

import datetime

from django.apps import apps as installed_apps
from django.db import connection, transaction
from django.db.models import Case, Count, DateField, F, Max, Q, Sum, When
from django.db.models.functions import Coalesce, Least, TruncMonth
from django.utils import timezone

from consultations import sla
from consultations.models import (
    RUNNING_STATUSES,
    Consultation,
    DueCount,
    LatestFiling,
    MonthlyCount,
    Rating,
    RatingCount,
    StatusCount,
)

Through = Consultation.municipalities.through


def month_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date().replace(day=1)


def _scopes(consultation: Consultation) -> list[int | None]:
    return [
        None,
        *sorted(Through.objects.filter(consultation=consultation).values_list("municipality_id", flat=True)),
    ]


def _add(changes: list[tuple[type, dict, int]]) -> None:
    """Apply ``(model, key, delta)`` changes in one fixed order, so that concurrent ones cannot deadlock."""
    for model, key, delta in sorted(
        changes, key=lambda c: (c[0].__name__, sorted((k, str(v)) for k, v in c[1].items()))
    ):
        row, _created = model.objects.get_or_create(**key)
        model.objects.filter(pk=row.pk).update(n=F("n") + delta)


def filed(consultation: Consultation) -> None:
    """Count a consultation just filed (its municipalities and its next due date already set)."""
    month = month_of(consultation.created_at)
    changes = []
    if consultation.next_due:
        changes.append((DueCount, {"due": consultation.next_due}, 1))
    scopes = _scopes(consultation)
    for municipality_id in scopes:
        changes.append((StatusCount, {"municipality_id": municipality_id, "status": consultation.status}, 1))
        changes.append(
            (
                MonthlyCount,
                {"municipality_id": municipality_id, "month": month, "category": consultation.category},
                1,
            )
        )
    _add(changes)
    for municipality_id in scopes[1:]:
        latest, _created = LatestFiling.objects.get_or_create(
            municipality_id=municipality_id, defaults={"filed_at": consultation.created_at}
        )
        if latest.filed_at < consultation.created_at:
            LatestFiling.objects.filter(pk=latest.pk, filed_at__lt=consultation.created_at).update(
                filed_at=consultation.created_at
            )


def due_moved(consultation: Consultation) -> bool:
    """Set the consultation's next due date from its status and due dates and move its count, if it
    changed (the caller saves ``next_due`` then). The instance holds what was last counted for it."""
    due = sla.next_due(consultation)
    if due == consultation.next_due:
        return False
    moves = ((consultation.next_due, -1), (due, 1))
    _add([(DueCount, {"due": day}, delta) for day, delta in moves if day])
    consultation.next_due = due
    return True


def rated(before: tuple | None, after: tuple) -> None:
    """A rating given, or changed from ``before``: each a ``(score, solved, went_ahead)``."""
    changes = [(RatingCount, _rating_key(after), 1)]
    if before is not None:
        changes.append((RatingCount, _rating_key(before), -1))
    _add(changes)


def _rating_key(answer: tuple) -> dict:
    score, solved, went_ahead = answer
    return {"score": int(score), "solved": solved, "went_ahead": went_ahead}


def status_changed(consultation: Consultation, from_status: str, to_status: str) -> None:
    changes = []
    for municipality_id in _scopes(consultation):
        changes.append((StatusCount, {"municipality_id": municipality_id, "status": from_status}, -1))
        changes.append((StatusCount, {"municipality_id": municipality_id, "status": to_status}, 1))
    _add(changes)


def by_status(municipality_id: int | None = None) -> dict[str, int]:
    """Counts per status over all consultations, or over those a municipality owns."""
    return dict(
        StatusCount.objects.filter(municipality_id=municipality_id, n__gt=0).values_list("status", "n")
    )


def by_month_and_category(since: datetime.date) -> list[dict]:
    """``[{"month", "category", "n"}]`` over all consultations filed from ``since``'s month on."""
    return list(
        MonthlyCount.objects.filter(municipality__isnull=True, month__gte=since.replace(day=1), n__gt=0)
        .values("month", "category", "n")
        .order_by("month", "category")
    )


def by_municipality(since: datetime.date) -> dict[int, int]:
    """Consultations filed from ``since``'s month on, per owning municipality."""
    return dict(
        MonthlyCount.objects.filter(municipality__isnull=False, month__gte=since.replace(day=1))
        .values_list("municipality_id")
        .annotate(total=Sum("n"))
        .filter(total__gt=0)
    )


def overdue(*, today: datetime.date) -> int:
    """How many running consultations are past a due date on ``today`` (selectors.overdue_q's count)."""
    return DueCount.objects.filter(due__lt=today).aggregate(n=Coalesce(Sum("n"), 0))["n"]


def ratings() -> dict:
    """The ratings' count, average score (None without any), and how many said 解決 and 実施 (yes)."""
    totals = RatingCount.objects.aggregate(
        count=Coalesce(Sum("n"), 0),
        points=Coalesce(Sum(F("score") * F("n")), 0),
        solved=Coalesce(Sum("n", filter=Q(solved=Rating.Outcome.YES)), 0),
        went_ahead=Coalesce(Sum("n", filter=Q(went_ahead=Rating.Outcome.YES)), 0),
    )
    points = totals.pop("points")
    return {**totals, "average": points / totals["count"] if totals["count"] else None}


def latest_filing() -> dict[int, datetime.datetime]:
    """{municipality id: when it last owned a newly filed consultation}."""
    return dict(LatestFiling.objects.values_list("municipality_id", "filed_at"))


def next_due_expression():
    """sla.next_due in SQL, for rebuilding and checking Consultation.next_due over the table."""
    first_unanswered = Case(When(first_response_at__isnull=True, then=F("first_response_due")))
    # Coalesced both ways because LEAST of a NULL is NULL outside PostgreSQL.
    earliest = Least(
        Coalesce(first_unanswered, "resolution_due"), Coalesce("resolution_due", first_unanswered)
    )
    return Case(When(status__in=RUNNING_STATUSES, then=earliest), output_field=DateField())


def _fresh(Consultation=Consultation) -> tuple[dict, ...]:
    """The rows the table implies: {(municipality, status): n}, {(municipality, month, category): n},
    {due: n}, {(score, solved, went_ahead): n} and {municipality: latest filing}."""
    Through = Consultation.municipalities.through
    Rating = Consultation._meta.get_field("rating").related_model
    month = TruncMonth("created_at", tzinfo=timezone.get_current_timezone())
    statuses = {
        (None, row["status"]): row["n"]
        for row in Consultation.objects.order_by().values("status").annotate(n=Count("pk"))
    }
    statuses.update(
        ((row["municipality_id"], row["consultation__status"]), row["n"])
        for row in Through.objects.order_by()
        .values("municipality_id", "consultation__status")
        .annotate(n=Count("pk"))
    )
    months = {
        (None, timezone.localtime(row["month"]).date(), row["category"]): row["n"]
        for row in Consultation.objects.order_by()
        .annotate(month=month)
        .values("month", "category")
        .annotate(n=Count("pk"))
    }
    per_municipality = (
        Through.objects.order_by()
        .annotate(month=TruncMonth("consultation__created_at", tzinfo=timezone.get_current_timezone()))
        .values("municipality_id", "month", "consultation__category")
        .annotate(n=Count("pk"))
    )
    months.update(
        (
            (row["municipality_id"], timezone.localtime(row["month"]).date(), row["consultation__category"]),
            row["n"],
        )
        for row in per_municipality
    )
    due = dict(
        Consultation.objects.order_by()
        .annotate(due=next_due_expression())
        .filter(due__isnull=False)
        .values_list("due")
        .annotate(n=Count("pk"))
    )
    answers = {
        (score, solved, went_ahead): n
        for score, solved, went_ahead, n in Rating.objects.order_by()
        .values_list("score", "solved", "went_ahead")
        .annotate(n=Count("pk"))
    }
    latest = dict(
        Through.objects.order_by().values_list("municipality_id").annotate(at=Max("consultation__created_at"))
    )
    return statuses, months, due, answers, latest


KINDS = ("statuses", "months", "due", "ratings", "latest")


def _kept() -> tuple[dict, ...]:
    # Zero rows are as good as none; a negative one is drift (the figures would add it up).
    statuses = {(row.municipality_id, row.status): row.n for row in StatusCount.objects.exclude(n=0)}
    months = {
        (row.municipality_id, row.month, row.category): row.n for row in MonthlyCount.objects.exclude(n=0)
    }
    due = dict(DueCount.objects.exclude(n=0).values_list("due", "n"))
    answers = {(row.score, row.solved, row.went_ahead): row.n for row in RatingCount.objects.exclude(n=0)}
    return statuses, months, due, answers, latest_filing()


def drift() -> dict[str, int]:
    """How many kept rows of each kind disagree with the table (all 0: the counts are right). The next
    due dates are checked as the table's status and due dates imply them, not as the rows hold them."""
    fresh, kept = _fresh(), _kept()
    stale_next_due = (
        Consultation.objects.annotate(due=next_due_expression())
        # NULL-safe: a NULL on one side only is drift too (a plain inequality would be NULL there).
        .filter(
            ~Q(due=F("next_due"))
            | Q(due__isnull=True, next_due__isnull=False)
            | Q(due__isnull=False, next_due__isnull=True)
        )
        .count()
    )
    disagree = {
        name: len(set(f.items()) ^ set(k.items())) for name, f, k in zip(KINDS, fresh, kept, strict=True)
    }
    disagree["due"] += stale_next_due
    return disagree


def recount(apps=installed_apps) -> None:
    """Rebuild every count from the table, with writers held off meanwhile (``apps``: a migration's)."""
    Consultation = apps.get_model("consultations", "Consultation")
    StatusCount = apps.get_model("consultations", "StatusCount")
    MonthlyCount = apps.get_model("consultations", "MonthlyCount")
    DueCount = apps.get_model("consultations", "DueCount")
    RatingCount = apps.get_model("consultations", "RatingCount")
    LatestFiling = apps.get_model("consultations", "LatestFiling")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (Consultation, Consultation._meta.get_field("rating").related_model):
                    cursor.execute(f"LOCK TABLE {model._meta.db_table} IN SHARE MODE")
        Consultation.objects.exclude(next_due__isnull=True).update(next_due=None)
        Consultation.objects.filter(status__in=RUNNING_STATUSES).update(next_due=next_due_expression())
        statuses, months, due, answers, latest = _fresh(Consultation)
        for model in (StatusCount, MonthlyCount, DueCount, RatingCount, LatestFiling):
            model.objects.all().delete()
        StatusCount.objects.bulk_create(
            StatusCount(municipality_id=m, status=s, n=n) for (m, s), n in statuses.items()
        )
        MonthlyCount.objects.bulk_create(
            MonthlyCount(municipality_id=m, month=month, category=c, n=n)
            for (m, month, c), n in months.items()
        )
        DueCount.objects.bulk_create(DueCount(due=day, n=n) for day, n in due.items())
        RatingCount.objects.bulk_create(
            RatingCount(score=score, solved=solved, went_ahead=went_ahead, n=n)
            for (score, solved, went_ahead), n in answers.items()
        )
        LatestFiling.objects.bulk_create(
            LatestFiling(municipality_id=m, filed_at=at) for m, at in latest.items()
        )
