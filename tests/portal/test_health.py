import pytest
from django.db import DatabaseError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_search_and_task_backlog(client, settings):
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="portal.health.report",
        backend_name="default",
        run_after=timezone.now(),
        enqueued_at=timezone.now(),
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["tasks"]["queued"] == 1
    assert body["tasks"]["oldest_age_seconds"] >= 0
    assert body["search"] == "ok"


def test_healthz_says_search_is_unavailable_when_the_node_is_down(client, settings):
    from search import client as search_client

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    search_client.get_client.cache_clear()
    try:
        body = client.get("/healthz").json()
    finally:
        search_client.get_client.cache_clear()
    assert body["search"] == "unavailable"


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_answers_head_for_load_balancer_probes(client):
    assert client.head("/healthz").status_code == 200
