"""Related items on knowledge pages and similar items while composing: only what the reader may find,
never the item itself, and pages that render without them when the engine does not answer. Real node."""

import pytest
from django.contrib.auth.models import AnonymousUser

from portal.models import Municipality, Role
from search import related
from search.client import get_client
from search.documents import KNOWLEDGE, alias
from tests.conftest import index_now
from tests.factories import case_study, consultation, home_page, member

pytestmark = pytest.mark.django_db

CLOUD_TEXT = "ガバメントクラウドへの移行と共同利用による標準準拠システムの調達"


@pytest.fixture
def world(seeded, search_indexes):
    home_page()
    kashiba = Municipality.objects.get(name="香芝市")
    kawai = Municipality.objects.get(name="河合町")
    cases = {
        "subject": case_study(title="ガバメントクラウド移行の共同調達", summary=CLOUD_TEXT),
        "alike": case_study(title="標準準拠システムのガバメントクラウド移行", summary=CLOUD_TEXT),
        "also": case_study(title="共同利用で進めたクラウド移行の調達", summary=CLOUD_TEXT),
        "apart": case_study(title="窓口の番号札の更新", summary="庁舎一階の発券機を入れ替えた。"),
    }
    staff = member(Role.STAFF, kawai)
    # A consultation of the staff member's own municipality, in the same words: never a related item.
    consultation(staff, title="ガバメントクラウド移行の共同調達について", body=f"{CLOUD_TEXT}。特別徴収も。")
    index_now()
    return {"cases": cases, "staff": staff, "kashiba": kashiba, "kawai": kawai, "es": search_indexes}


def titles(items):
    return [item.title for item in items]


def put_document(es, document_id, title, visibility):
    es.index(
        index=alias(KNOWLEDGE),
        id=document_id,
        document={
            "kind": document_id.rpartition("-")[0],
            "title": title,
            "summary": CLOUD_TEXT,
            "url": "/x/",
            "visibility": visibility,
        },
        refresh=True,
    )


def test_a_case_page_lists_related_cases_with_their_kind_and_never_itself(client, world):
    subject = world["cases"]["subject"]
    page = client.get(subject.url).content.decode()

    assert "関連する情報" in page
    related = page.split('id="related-items-heading"')[1]
    assert world["cases"]["alike"].title in related and world["cases"]["also"].title in related
    assert subject.title not in related
    assert "成功事例" in related
    assert f'href="{world["cases"]["alike"].url}"' in related


@pytest.mark.parametrize("reader", ["anonymous", "staff", "advisor"])
def test_related_items_never_hold_a_consultation_or_the_item_itself(world, reader):
    user = {"anonymous": AnonymousUser(), "staff": world["staff"], "advisor": member(Role.ADVISOR)}[reader]
    items = related.related(user, world["cases"]["subject"])

    assert {item.kind for item in items} == {"case_study"}
    assert world["cases"]["subject"].title not in titles(items)
    assert {world["cases"]["alike"].title, world["cases"]["also"].title} <= set(titles(items))
    assert len(items) <= 5


def test_related_items_follow_the_visibility_filter_and_the_view_rule(world):
    es = world["es"]
    hidden = case_study(title="ガバメントクラウド移行の非公開事例", summary=CLOUD_TEXT, publish=False)
    # Documents the index should not hold for these readers: one of another municipality only, one of a
    # page that is not published (stale, public by mistake), one of an object that no longer exists.
    put_document(
        es,
        f"case_study-{world['cases']['apart'].pk}",
        "ガバメントクラウド移行（香芝市限り）",
        {"public": False, "municipalities": [str(world["kashiba"].pk)], "roles": []},
    )
    put_document(
        es, f"case_study-{hidden.pk}", hidden.title, {"public": True, "municipalities": [], "roles": []}
    )
    put_document(
        es,
        "case_study-999999",
        "ガバメントクラウド移行（削除済み）",
        {"public": True, "municipalities": [], "roles": []},
    )

    for user in (AnonymousUser(), world["staff"]):
        shown = titles(related.related(user, world["cases"]["subject"]))
        assert "ガバメントクラウド移行（香芝市限り）" not in shown
        assert hidden.title not in shown and "ガバメントクラウド移行（削除済み）" not in shown
    kashiba_staff = member(Role.STAFF, world["kashiba"])
    # Admitted by the filter, the hit still shows the object's own title: the document is only a pointer.
    assert world["cases"]["apart"].title in titles(related.related(kashiba_staff, world["cases"]["subject"]))


def test_with_the_engine_down_a_case_page_renders_without_related_items(client, world, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    get_client.cache_clear()
    try:
        response = client.get(world["cases"]["subject"].url)
    finally:
        settings.ELASTICSEARCH_URL = world["es"].transport.node_pool.get().base_url
        get_client.cache_clear()
    assert response.status_code == 200
    assert world["cases"]["subject"].title in response.content.decode()
    assert "関連する情報" not in response.content.decode()


# --- Similar items while composing ------------------------------------------------------------------


def test_similar_items_for_a_consultation_hold_the_own_municipalitys_consultations_only(
    client, log_in, world
):
    consultation(member(Role.STAFF, world["kashiba"]), title="香芝市の特別徴収の相談", body="特別徴収の事務")
    for n in range(4):
        case_study(title=f"ガバメントクラウド移行の事例{n}", summary=CLOUD_TEXT)
    index_now()
    log_in(world["staff"])

    def shown(text):
        response = client.get("/search/similar", {"for": "consultation", "text": text, "fragment": "1"})
        assert response.status_code == 200
        return response.content.decode()

    assert shown("ガバメントクラウド移行").count("<li>") == 5
    own = shown("特別徴収")
    assert "ガバメントクラウド移行の共同調達について" in own and "香芝市の特別徴収の相談" not in own


def test_similar_items_for_a_question_hold_no_consultation(client, log_in, world):
    log_in(world["staff"])
    shown = client.get(
        "/search/similar",
        {"for": "post", "text": "ガバメントクラウド移行の共同調達について", "fragment": "1"},
    ).content.decode()
    assert "ガバメントクラウド移行の共同調達について" not in shown
    assert world["cases"]["subject"].title in shown


def test_the_page_without_javascript_keeps_the_text_and_lists_similar_items(client, log_in, world):
    log_in(world["staff"])
    page = client.get("/search/similar", {"for": "post", "text": "標準準拠システム"}).content.decode()
    assert "似ている質問を探す" in page and ">標準準拠システム</textarea>" in page
    assert world["cases"]["alike"].title in page


def test_the_composing_forms_carry_the_similar_questions_region_and_its_fallback(client, log_in, world):
    log_in(world["staff"])
    for url in ("/knowhow/new/", "/consultations/new/"):
        page = client.get(url).content.decode()
        assert 'aria-live="polite"' in page and "search/similar.js" in page
        assert "/search/similar?for=" in page
