"""The one place that builds the Elasticsearch client.

The node started by ``search/engine/run`` has no ``GET /`` (Elastic does not publish the rest-root module),
so ``info()`` and ``ping()`` fail on it: liveness is ``cluster.health()``, which every cluster answers.
"""

from functools import lru_cache

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch.dsl import connections

REQUEST_TIMEOUT = 10  # seconds; bulk requests pass a longer one with client.options()
MAX_RETRIES = 3
HEALTH_TIMEOUT = 2  # /healthz must answer quickly even while the node is down


@lru_cache(maxsize=1)
def get_client() -> Elasticsearch:
    """The process-wide client for ``settings.ELASTICSEARCH_URL``; also elasticsearch-dsl's default.

    Tests that change the setting call ``get_client.cache_clear()``.
    """
    client = Elasticsearch(
        settings.ELASTICSEARCH_URL,
        request_timeout=REQUEST_TIMEOUT,
        max_retries=MAX_RETRIES,
        retry_on_timeout=True,
    )
    connections.add_connection("default", client)
    return client


def engine_health() -> dict:
    """``{"status": "ok"|"unavailable", "cluster": <colour or "unknown">, "detail": ...}``; never raises.

    A red cluster counts as unavailable: some primary shard is missing, so searches would be incomplete.
    """
    try:
        health = get_client().options(request_timeout=HEALTH_TIMEOUT, max_retries=0).cluster.health()
    except Exception as error:  # Anything — bad URL, refused connection, timeout — means "unavailable".
        return {"status": "unavailable", "cluster": "unknown", "detail": f"{type(error).__name__}: {error}"}
    colour = health["status"]
    return {
        "status": "ok" if colour in ("green", "yellow") else "unavailable",
        "cluster": colour,
        "detail": f"{health['cluster_name']}: {health['number_of_nodes']} node(s), "
        f"{health['active_shards_percent_as_number']:.0f}% of shards active",
    }
