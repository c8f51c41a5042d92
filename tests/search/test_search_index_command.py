"""`manage.py search_index create|rebuild|verify|repair|status` on the real node."""

import io
import json

import pytest
from django.core.management import call_command

from consultations.models import Consultation
from search.client import get_client
from search.documents import CONSULTATIONS, KNOWLEDGE, alias
from search.models import IndexChange
from tests.conftest import index_now
from tests.factories import consultation


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("search_index", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_makes_both_aliases_and_is_safe_to_repeat(db, search_indexes, es):
    for key in (KNOWLEDGE, CONSULTATIONS):
        es.indices.delete(index=",".join(es.indices.get_alias(name=alias(key))))

    run("create")
    first = {key: list(es.indices.get_alias(name=alias(key))) for key in (KNOWLEDGE, CONSULTATIONS)}
    run("create")

    assert {key: list(es.indices.get_alias(name=alias(key))) for key in first} == first


def test_rebuild_streams_every_document_with_a_progress_bar_and_moves_the_alias(db, search_indexes, es):
    for n in range(3):
        consultation(title=f"再構築{n}")
    before = list(es.indices.get_alias(name=alias(CONSULTATIONS)))

    out, err = run("rebuild", "--index", CONSULTATIONS)

    after = list(es.indices.get_alias(name=alias(CONSULTATIONS)))
    assert after != before
    assert es.count(index=alias(CONSULTATIONS))["count"] == 3
    assert "consultations: 3 documents" in out
    assert "[" + "#" * 30 + "] 3/3" in err


def test_verify_prints_the_drift_and_exits_1_and_repair_fixes_it(db, search_indexes, es):
    consultation(title="残る")
    index_now()
    lost = consultation(title="記録されなかった")
    IndexChange.objects.all().delete()  # its change was never recorded, as by a raw SQL write

    with pytest.raises(SystemExit) as exit_:
        run("verify", "--index", CONSULTATIONS)
    assert exit_.value.code == 1

    out, _ = run("repair", "--index", CONSULTATIONS)

    assert f"missing: consultation-{lost.pk}" in out
    assert "repaired 1; drift now 0" in out
    out, _ = run("verify", "--index", CONSULTATIONS)
    assert "consultations: 0 missing, 0 extra, 0 stale" in out


def test_status_reports_counts_targets_and_the_backlog_as_json(db, search_indexes):
    consultation()
    index_now()
    Consultation.objects.update(title="更新待ち")
    IndexChange.objects.create(kind="consultation", object_id="1")

    report = json.loads(run("status", "--json")[0])

    assert report["engine"]["status"] == "ok"
    assert report["indexes"][CONSULTATIONS]["counts"] == {"consultation": 1}
    assert report["indexes"][CONSULTATIONS]["targets"]
    assert report["pending_changes"] == 1
    assert report["oldest_pending_seconds"] >= 0


def test_status_answers_from_the_database_while_the_engine_is_down(db, search_indexes, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    get_client.cache_clear()
    try:
        consultation()
        out, _ = run("status")
    finally:
        settings.ELASTICSEARCH_URL = search_indexes.transport.node_pool.get().base_url
        get_client.cache_clear()

    assert "engine: unavailable" in out
    assert "pending change(s)" in out
