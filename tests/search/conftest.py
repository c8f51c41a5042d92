"""Fixtures for tests that talk to the real Elasticsearch node at ``settings.ELASTICSEARCH_URL``.

`make test` starts that node (search/engine/run start on port 9201). When it is not reachable the tests
fail with the reason: a search test that silently skips would hide a broken engine.
"""

import time
import uuid
from collections.abc import Callable

import pytest
from django.conf import settings
from elasticsearch.dsl import Index

from search.analysis import ANALYZERS


def wait_until(condition: Callable[[], bool], timeout: float = 30, message: str = "condition") -> None:
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {message}")
        time.sleep(0.1)


@pytest.fixture
def index_name(es):
    """A fresh index name for one test; the index is deleted afterwards."""
    name = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-test-{uuid.uuid4().hex[:12]}"
    yield name
    es.indices.delete(index=name, ignore_unavailable=True)


@pytest.fixture
def analysis_index(es, index_name):
    """An empty index that defines every portal analyzer, for _analyze and small searches."""
    index = Index(index_name, using=es)
    index.settings(number_of_shards=1, number_of_replicas=0)
    for portal_analyzer in ANALYZERS.values():
        index.analyzer(portal_analyzer)
    index.create()
    return index_name
