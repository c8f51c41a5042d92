"""search.client against the real node, and against a port where nothing listens."""

import socket

from django.test import override_settings
from elasticsearch.dsl import connections

from search.client import engine_health, get_client


def test_engine_health_reports_the_running_node(es):
    health = engine_health()

    assert health["status"] == "ok"
    assert health["cluster"] in {"green", "yellow"}
    assert "node(s)" in health["detail"]


def test_client_is_shared_and_is_the_dsl_default_connection(es):
    assert get_client() is get_client()
    assert connections.get_connection("default") is get_client()


def test_engine_health_reports_unavailable_without_raising_when_nothing_listens(es):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    get_client.cache_clear()
    try:
        with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port}"):
            health = engine_health()
    finally:
        get_client.cache_clear()
        get_client()

    assert health["status"] == "unavailable"
    assert health["cluster"] == "unknown"
    assert "Connection" in health["detail"]
