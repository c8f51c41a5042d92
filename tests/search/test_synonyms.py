"""Synonyms kept by advisors: seeded from the file, checked on save, and working after the rebuild that
saving enqueues, with searches answering throughout. All on the real node."""

import threading

import pytest
from django_tasks_db.models import DBTaskResult

from portal.models import Role
from search import synonyms, tasks
from search.analysis import load_synonyms
from search.documents import CONSULTATIONS, alias
from search.models import SynonymRule
from tests.conftest import index_now
from tests.factories import consultation, member, run_tasks

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/search/synonymrule/add/"


def titles_matching(es, text):
    es.indices.refresh(index=alias(CONSULTATIONS))
    response = es.search(index=alias(CONSULTATIONS), query={"match": {"title": text}})
    return [hit["_source"]["title"] for hit in response["hits"]["hits"]]


def rebuilds_waiting():
    return DBTaskResult.objects.filter(task_path=tasks.REBUILD_TASK_PATH, status="READY").count()


def test_the_rules_are_seeded_from_the_synonyms_file():
    assert synonyms.current_rules() == load_synonyms()
    assert SynonymRule.objects.filter(rule="ガバクラ, ガバメントクラウド", active=True).exists()


def test_the_file_is_the_fallback_while_the_table_is_empty_and_inactive_rules_are_left_out():
    SynonymRule.objects.all().delete()
    assert synonyms.current_rules() == load_synonyms()
    SynonymRule.objects.create(rule="ガバクラ, ガバメントクラウド")
    SynonymRule.objects.create(rule="特徴, 特別徴収", active=False)
    assert synonyms.current_rules() == ["ガバクラ, ガバメントクラウド"]


def test_a_synonym_added_by_an_advisor_finds_its_target_after_the_rebuild_with_searches_answering(
    client, log_in, search_indexes
):
    consultation(title="住民税の特別徴収の事務")
    index_now()
    assert titles_matching(search_indexes, "特徴") == []
    DBTaskResult.objects.all().delete()

    log_in(member(Role.ADVISOR))
    response = client.post(ADD_URL, {"rule": "特徴,特別徴収", "active": "on", "note": "住民税の略語"})
    assert response.status_code == 302
    assert SynonymRule.objects.get(note="住民税の略語").rule == "特徴, 特別徴収"
    assert rebuilds_waiting() == 1

    failures, answered = [], []
    stop = threading.Event()

    def search_continuously():
        while not stop.is_set():
            try:
                answered.append(titles_matching(search_indexes, "特別徴収"))
            except Exception as error:  # any failed query fails the test
                failures.append(error)

    searcher = threading.Thread(target=search_continuously)
    searcher.start()
    try:
        run_tasks()
    finally:
        stop.set()
        searcher.join()

    assert failures == []
    assert answered and all(titles == ["住民税の特別徴収の事務"] for titles in answered)
    assert titles_matching(search_indexes, "特徴") == ["住民税の特別徴収の事務"]


def test_editing_and_deleting_a_rule_each_enqueue_one_rebuild_and_edits_in_a_row_share_it(search_indexes):
    DBTaskResult.objects.all().delete()
    rule = SynonymRule.objects.create(rule="特徴, 特別徴収")
    rule.note = "住民税"
    rule.save()
    assert rebuilds_waiting() == 1
    run_tasks()
    rule.delete()
    assert rebuilds_waiting() == 1


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("ガバクラ,, ガバメントクラウド", "空の項目"),
        ("ガバクラ", "2つ以上"),
        ("ガバクラ => => ガバメントクラウド", "1つだけ"),
        ("ガバクラ =>", "両側に語"),
        ("の, ガバクラ", "「の」は検索では助詞や記号として無視される"),
    ],
)
def test_a_bad_rule_is_refused_with_a_message_and_nothing_is_saved(
    client, log_in, search_indexes, rule, message
):
    DBTaskResult.objects.all().delete()
    before = SynonymRule.objects.count()
    log_in(member(Role.ADVISOR))
    response = client.post(ADD_URL, {"rule": rule, "active": "on", "note": "誤り"})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "誤り" in page  # the form keeps what was typed
    assert SynonymRule.objects.count() == before
    assert rebuilds_waiting() == 0


def test_only_advisors_and_admins_keep_the_synonyms_in_the_admin(client, log_in):
    log_in(member(Role.ADVISOR))
    listing = client.get("/admin/snippets/search/synonymrule/")
    assert listing.status_code == 200 and "ガバメントクラウド" in listing.content.decode()
    for role in (Role.STAFF, Role.OFFICIAL):
        client.force_login(member(role))
        assert client.get("/admin/snippets/search/synonymrule/").status_code == 302
        assert client.post(ADD_URL, {"rule": "特徴, 特別徴収", "active": "on"}).status_code == 302
    assert not SynonymRule.objects.filter(rule="特徴, 特別徴収").exists()
