"""An outage of a real node: stop it, make 200 changes across the apps, start it, and nothing is lost.

The node is one of this test's own (a port and state directory of its own), so the suite's node stays up.
"""

import os
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations.models import Consultation
from knowhow import services as knowhow
from portal.models import Role
from search import indexing
from search.client import get_client
from search.documents import CONSULTATIONS, KNOWLEDGE, alias
from search.models import IndexChange
from tests.conftest import index_now
from tests.factories import case_study, consultation, member, run_tasks

RUN = Path(__file__).resolve().parents[2] / "search/engine/run"
BASE_PORT = 9230


@pytest.fixture
def own_node(tmp_path, settings):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    port = BASE_PORT + int(worker or 0)
    env = {**os.environ, "ES_PORT": str(port), "ES_HOME_DIR": str(tmp_path / "es"), "ES_HEAP": "256m"}

    def engine(command: str) -> None:
        subprocess.run([str(RUN), command], env=env, check=True, capture_output=True, timeout=240)

    engine("start")
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.TASK_RETRY_BASE_SECONDS = 30
    get_client.cache_clear()
    indexing.ensure_indexes()
    yield engine
    engine("stop")
    get_client.cache_clear()


def searchable_titles(key: str) -> set[str]:
    client = get_client()
    client.indices.refresh(index=alias(key))
    response = client.search(index=alias(key), size=500, query={"match_all": {}}, source=["title"])
    return {hit["_source"]["title"] for hit in response["hits"]["hits"]}


def test_two_hundred_changes_made_while_the_node_is_stopped_become_searchable_when_it_is_back(db, own_node):
    requester = member(Role.STAFF)
    filed = [consultation(requester, title=f"停止前の相談{n}") for n in range(60)]
    cases = [case_study(title=f"停止前の事例{n}") for n in range(10)]
    answerer = member(Role.STAFF)
    questions = [
        knowhow.post_create(
            actor=requester, kind="question", title=f"停止前の質問{n}", body="教えてください。"
        )
        for n in range(10)
    ]
    index_now()

    own_node("stop")
    for round_ in range(2):  # 100 edits
        for item in filed[:50]:
            item.title = f"停止中に{round_ + 1}回更新した相談{item.pk}"
            item.save()
    for item in filed[50:]:  # 10 deletions
        item.delete()
    for n in range(40):  # 40 new consultations
        consultation(requester, title=f"停止中に届いた相談{n}")
    for revision in range(4):  # 40 revisions of case studies, published through Wagtail
        for n, page in enumerate(cases):
            page.title = f"停止中に{revision + 1}回改訂した事例{n}"
            page.save_revision().publish()
    for question in questions:  # 10 answers to know-how questions
        knowhow.answer_create(post_id=question.pk, actor=answerer, body="停止中に書いた回答です。")
    run_tasks()

    assert IndexChange.objects.exists()
    retry = DBTaskResult.objects.get(task_path=indexing.APPLY_TASK_PATH, status="READY")
    assert retry.run_after > timezone.now()

    own_node("start")
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # its wait is over
    run_tasks()

    assert not IndexChange.objects.exists()
    assert searchable_titles(CONSULTATIONS) == set(Consultation.objects.values_list("title", flat=True))
    assert len(searchable_titles(CONSULTATIONS)) == 90
    assert searchable_titles(KNOWLEDGE) == {
        *(f"停止中に4回改訂した事例{n}" for n in range(10)),
        *(f"停止前の質問{n}" for n in range(10)),
    }
    answered = get_client().search(
        index=alias(KNOWLEDGE), query={"match_phrase": {"body": "停止中に書いた回答"}}
    )
    assert answered["hits"]["total"]["value"] == 10
    assert indexing.verify(CONSULTATIONS).total == 0
    assert indexing.verify(KNOWLEDGE).total == 0
