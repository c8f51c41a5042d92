"""Counts of consultations kept as they change, so that lists and the dashboard never count the table.

Two kinds of rows (consultations.models): per status (StatusCount) and per month filed and category
(MonthlyCount), each over all consultations (no municipality) and per owning municipality. The services
call :func:`filed` and :func:`status_changed` inside the transaction that makes the change, so a counted
change and the change itself commit or roll back together. A bulk load that bypasses the services
(a benchmark's COPY) ends with :func:`recount`; :func:`drift` says whether the rows still agree with the
table (``manage.py consultation_counts --check``).
"""

import datetime

from django.apps import apps as installed_apps
from django.db import connection, transaction
from django.db.models import Count, F, Max, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from consultations.models import Consultation, MonthlyCount, StatusCount

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
    """Count a consultation just filed (its municipalities already set)."""
    month = month_of(consultation.created_at)
    changes = []
    for municipality_id in _scopes(consultation):
        changes.append((StatusCount, {"municipality_id": municipality_id, "status": consultation.status}, 1))
        changes.append(
            (
                MonthlyCount,
                {"municipality_id": municipality_id, "month": month, "category": consultation.category},
                1,
            )
        )
    _add(changes)


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


def municipalities_with_consultations(*, from_month: datetime.date) -> set[int]:
    """The municipalities that own a consultation filed in ``from_month`` or later."""
    return set(
        MonthlyCount.objects.filter(municipality__isnull=False, month__gte=from_month, n__gt=0)
        .values_list("municipality_id", flat=True)
        .distinct()
    )


def last_month_by_municipality(municipality_ids) -> dict[int, datetime.date]:
    """The month of each municipality's latest consultation (none: never consulted)."""
    return dict(
        MonthlyCount.objects.filter(municipality_id__in=municipality_ids, n__gt=0)
        .values_list("municipality_id")
        .annotate(last=Max("month"))
        .order_by()
    )


def _fresh(Consultation=Consultation) -> tuple[dict, dict]:
    """The rows the table implies: {(municipality, status): n} and {(municipality, month, category): n}."""
    Through = Consultation.municipalities.through
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
    return statuses, months


def _kept() -> tuple[dict, dict]:
    statuses = {(row.municipality_id, row.status): row.n for row in StatusCount.objects.filter(n__gt=0)}
    months = {
        (row.municipality_id, row.month, row.category): row.n for row in MonthlyCount.objects.filter(n__gt=0)
    }
    return statuses, months


def drift() -> dict[str, int]:
    """How many kept rows disagree with the table (0 and 0: the counts are right)."""
    fresh, kept = _fresh(), _kept()
    return {
        name: len(set(f.items()) ^ set(k.items()))
        for name, f, k in zip(("statuses", "months"), fresh, kept, strict=True)
    }


def recount(apps=installed_apps) -> None:
    """Rebuild every count from the table, with writers held off meanwhile (``apps``: a migration's)."""
    Consultation = apps.get_model("consultations", "Consultation")
    StatusCount = apps.get_model("consultations", "StatusCount")
    MonthlyCount = apps.get_model("consultations", "MonthlyCount")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {Consultation._meta.db_table} IN SHARE MODE")
        statuses, months = _fresh(Consultation)
        StatusCount.objects.all().delete()
        MonthlyCount.objects.all().delete()
        StatusCount.objects.bulk_create(
            StatusCount(municipality_id=m, status=s, n=n) for (m, s), n in statuses.items()
        )
        MonthlyCount.objects.bulk_create(
            MonthlyCount(municipality_id=m, month=month, category=c, n=n)
            for (m, month, c), n in months.items()
        )
