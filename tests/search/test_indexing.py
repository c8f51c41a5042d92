"""Indexing loses nothing: changes recorded in the writing transaction, versions that only grow, retries
through an outage, rebuilds behind the alias, and verify/repair of drift. All on the real node."""

import threading

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations.models import Consultation
from portal.models import Role
from search import indexing
from search.documents import CONSULTATIONS, alias
from search.models import IndexChange
from tests.conftest import index_now
from tests.factories import consultation, member, run_tasks


def held(es, key=CONSULTATIONS) -> dict[str, dict]:
    es.indices.refresh(index=alias(key))
    response = es.search(index=alias(key), size=1000, version=True, query={"match_all": {}})
    return {hit["_id"]: {**hit["_source"], "_version": hit["_version"]} for hit in response["hits"]["hits"]}


def test_a_write_records_its_index_change_in_the_same_transaction(db, search_indexes):
    filed = consultation(title="住民記録システムの更改")

    assert IndexChange.objects.filter(kind="consultation", object_id=str(filed.pk)).exists()
    assert DBTaskResult.objects.filter(task_path=indexing.APPLY_TASK_PATH).exists()


@pytest.mark.django_db(transaction=True)
def test_a_write_that_rolls_back_leaves_no_change_no_task_and_no_document(search_indexes):
    requester = member(Role.STAFF)
    with pytest.raises(RuntimeError), transaction.atomic():
        consultation(requester, title="取り消される相談")
        raise RuntimeError("the request failed after the save")

    assert not Consultation.objects.exists()
    assert not IndexChange.objects.exists()
    assert not DBTaskResult.objects.filter(task_path=indexing.APPLY_TASK_PATH).exists()
    run_tasks()
    assert held(search_indexes) == {}


def test_the_worker_indexes_a_change_with_its_change_id_as_version(db, search_indexes):
    filed = consultation(title="ガバメントクラウドの接続方式")
    version = IndexChange.objects.filter(object_id=str(filed.pk)).latest("id").id

    run_tasks()

    document = held(search_indexes)[f"consultation-{filed.pk}"]
    assert document["title"] == "ガバメントクラウドの接続方式"
    assert document["_version"] == version
    assert not IndexChange.objects.exists()


def test_an_old_change_replayed_after_a_newer_one_changes_nothing(db, search_indexes):
    filed = consultation(title="最初の件名")
    index_now()
    Consultation.objects.filter(pk=filed.pk).update(title="新しい件名")
    indexing.changed(Consultation.objects.get(pk=filed.pk))
    index_now()
    newest = held(search_indexes)[f"consultation-{filed.pk}"]["_version"]
    Consultation.objects.filter(pk=filed.pk).update(title="古い件名")

    # A late task for a change older than the one indexed, as a retried or duplicated task would send it.
    IndexChange.objects.create(id=newest - 1, kind="consultation", object_id=str(filed.pk))
    index_now()

    document = held(search_indexes)[f"consultation-{filed.pk}"]
    assert document["title"] == "新しい件名"
    assert document["_version"] == newest
    assert not IndexChange.objects.exists()


def test_a_deleted_object_loses_its_document(db, search_indexes):
    filed = consultation()
    index_now()
    assert f"consultation-{filed.pk}" in held(search_indexes)

    filed.delete()
    index_now()

    assert held(search_indexes) == {}


def test_bulk_updates_that_send_no_signal_are_indexed_through_changed_many(db, search_indexes):
    first, second = consultation(title="一件目"), consultation(title="二件目")
    index_now()

    Consultation.objects.filter(pk__in=[first.pk, second.pk]).update(title="一括で変えた件名")
    indexing.changed_many("consultation", [first.pk, second.pk])
    index_now()

    assert {d["title"] for d in held(search_indexes).values()} == {"一括で変えた件名"}


def test_changes_made_while_the_engine_is_down_are_kept_and_applied_when_it_is_back(
    db, search_indexes, settings
):
    # A closed port stands for the stopped node here; tests/search/test_outage.py stops a real one.
    requester = member(Role.STAFF)
    filed = [consultation(requester, title=f"障害中の相談{n}") for n in range(3)]
    index_now()
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.TASK_RETRY_BASE_SECONDS = 30
    indexing.get_client.cache_clear()
    try:
        for item in filed:
            item.title = f"{item.title}（更新）"
            item.save()
        consultation(requester, title="障害中に届いた相談")
        run_tasks()
        assert IndexChange.objects.values("object_id").distinct().count() == 4
        assert DBTaskResult.objects.filter(task_path=indexing.APPLY_TASK_PATH, status="READY").count() == 1
    finally:
        settings.ELASTICSEARCH_URL = search_indexes.transport.node_pool.get().base_url
        indexing.get_client.cache_clear()

    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())  # the retry's wait is over
    run_tasks()

    titles = {d["title"] for d in held(indexing.get_client()).values()}
    assert titles == {*(f"障害中の相談{n}（更新）" for n in range(3)), "障害中に届いた相談"}
    assert not IndexChange.objects.exists()
    assert indexing.verify(CONSULTATIONS).total == 0


def test_a_rebuild_swaps_the_alias_while_searches_keep_answering(db, search_indexes):
    for n in range(30):
        consultation(title=f"再構築の相談{n}")
    index_now()
    before = search_indexes.indices.get_alias(name=alias(CONSULTATIONS))
    failures, searches = [], []
    stop = threading.Event()

    def search_continuously():
        while not stop.is_set():
            try:
                response = search_indexes.search(
                    index=alias(CONSULTATIONS), query={"match": {"title": "相談"}}
                )
                searches.append(response["hits"]["total"]["value"])
            except Exception as error:  # any failed query fails the test
                failures.append(error)

    searcher = threading.Thread(target=search_continuously)
    searcher.start()
    try:
        result = indexing.rebuild(CONSULTATIONS, grace_seconds=0.5)
    finally:
        stop.set()
        searcher.join()

    assert failures == []
    assert searches and min(searches) == 30
    assert result.documents == 30
    assert list(search_indexes.indices.get_alias(name=alias(CONSULTATIONS))) == [result.index]
    assert result.removed == list(before)
    assert not search_indexes.indices.exists(index=next(iter(before)))


def rebuild_leaves_the_alias_alone(es, call) -> None:
    """Run ``call`` (a rebuild that fails); the alias still points where it did and nothing is left over."""
    before = es.indices.get_alias(name=alias(CONSULTATIONS))
    call()
    assert es.indices.get_alias(name=alias(CONSULTATIONS)) == before
    assert sorted(es.indices.get(index=f"{alias(CONSULTATIONS)}-*")) == sorted(before)


def test_a_rebuild_whose_database_side_fails_midway_raises_and_keeps_the_old_index(
    db, search_indexes, monkeypatch
):
    for n in range(12):
        consultation(title=f"途中で止まる再構築{n}")
    index_now()
    monkeypatch.setattr(indexing, "APPLY_BATCH", 5)  # several chunks already sent when it fails
    real_actions = indexing.rebuild_actions

    def actions_then_failure(key, index):
        for number, action in enumerate(real_actions(key, index)):
            if number == 11:
                raise RuntimeError("the database connection was lost")
            yield action

    monkeypatch.setattr(indexing, "rebuild_actions", actions_then_failure)

    def rebuild():
        with pytest.raises(RuntimeError, match="connection was lost"):
            indexing.rebuild(CONSULTATIONS, grace_seconds=0)

    rebuild_leaves_the_alias_alone(search_indexes, rebuild)
    assert not [t for t in threading.enumerate() if t.name == "search-rebuild-bulk"]


def test_a_rebuild_the_node_refuses_documents_of_raises_and_keeps_the_old_index(
    db, search_indexes, monkeypatch
):
    consultation(title="日付の壊れた文書")
    index_now()
    real_actions = indexing.rebuild_actions

    def broken_dates(key, index):
        for action in real_actions(key, index):
            yield {**action, "_source": {**action["_source"], "created": "令和八年のいつか"}}

    monkeypatch.setattr(indexing, "rebuild_actions", broken_dates)

    def rebuild():
        with pytest.raises(indexing.IndexingError, match="1 document"):
            indexing.rebuild(CONSULTATIONS, grace_seconds=0)

    rebuild_leaves_the_alias_alone(search_indexes, rebuild)


def test_a_change_applied_during_a_rebuild_reaches_the_new_index(db, search_indexes, es):
    filed = consultation(title="再構築前の件名")
    index_now()
    new_index = f"{alias(CONSULTATIONS)}-building"
    indexing.create_index(new_index, [])

    filed.title = "再構築中に変えた件名"
    filed.save()
    index_now()

    es.indices.refresh(index=new_index)
    hits = es.search(index=new_index, query={"match_all": {}})["hits"]["hits"]
    assert [hit["_source"]["title"] for hit in hits] == ["再構築中に変えた件名"]


def test_verify_reports_missing_extra_and_stale_documents_and_repair_fixes_exactly_them(
    db, search_indexes, es
):
    kept, stale, missing = (
        consultation(title="そのまま"),
        consultation(title="古くなる"),
        consultation(title="消える"),
    )
    gone = consultation(title="削除される")
    index_now()
    es.delete(index=alias(CONSULTATIONS), id=f"consultation-{missing.pk}", refresh=True)
    Consultation.objects.filter(pk=stale.pk).update(title="古くなった件名")
    IndexChange.objects.all().delete()
    gone_pk = gone.pk
    Consultation.objects.filter(pk=gone_pk).delete()
    IndexChange.objects.all().delete()  # the delete's change is lost, as a crash before 2PC would lose it

    drift = indexing.verify(CONSULTATIONS)

    assert drift.missing == [f"consultation-{missing.pk}"]
    assert drift.stale == [f"consultation-{stale.pk}"]
    assert drift.extra == [f"consultation-{gone_pk}"]
    untouched_version = held(es)[f"consultation-{kept.pk}"]["_version"]

    assert indexing.repair(drift) == 3

    assert indexing.verify(CONSULTATIONS).total == 0
    documents = held(es)
    assert documents[f"consultation-{stale.pk}"]["title"] == "古くなった件名"
    assert documents[f"consultation-{kept.pk}"]["_version"] == untouched_version
    assert settings.ELASTICSEARCH_INDEX_PREFIX in alias(CONSULTATIONS)


def test_status_reports_counts_alias_targets_and_the_oldest_pending_change(db, search_indexes):
    consultation()
    index_now()
    consultation()

    report = indexing.status()

    consultations = report["indexes"][CONSULTATIONS]
    assert consultations["counts"] == {"consultation": 1}
    assert consultations["targets"] and consultations["alias"] == alias(CONSULTATIONS)
    assert report["pending_changes"] == IndexChange.objects.count() > 0
    assert report["pending_tasks"] >= 1
    assert report["oldest_pending_seconds"] >= 0
