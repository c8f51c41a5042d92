"""What /healthz reports: database, search engine, task backlog."""

from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from search.client import engine_health


def report() -> dict:
    # Only the verdict: the engine's own error text and cluster details are not for anonymous callers.
    result = {"database": "ok", "search": engine_health()["status"], "tasks": None}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        queued = DBTaskResult.objects.ready()
        oldest = queued.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        result["tasks"] = {
            "queued": queued.count(),
            "oldest_age_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else None,
        }
    except DatabaseError:
        result["database"] = "unavailable"
    return result
