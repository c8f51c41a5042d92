"""Case studies as search documents: what a document says, and that only published pages are for all."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import PageViewRestriction

from cases.models import SuccessFactor
from cases.search import CASE_STUDY
from search.documents import KNOWLEDGE, alias
from tests.conftest import index_now
from tests.factories import MunicipalityFactory, case_study

pytestmark = pytest.mark.django_db


def test_a_published_case_study_becomes_a_public_document_of_plain_data():
    factor = SuccessFactor.objects.create(slug="x", title="首長の関与", source="common")
    town = MunicipalityFactory(name="河合町")
    page = case_study(
        title="検索用",
        municipalities=[town],
        factors=[factor],
        cost_reduction_percent=Decimal("12"),
        milestones=[("go_live", datetime.date(2011, 5, 1))],
        characteristics="<p>７団体で<b>共同化</b> &amp; 標準化</p>",
        lessons=[("lesson", {"heading": "早めの合意", "body": "首長が先に合意した。"})],
    )

    document = CASE_STUDY.document(page)

    assert document["kind"] == "case_study"
    assert document["visibility"]["public"] is True
    assert document["title"] == "検索用"
    assert document["municipalities"] == [str(town.pk)]
    assert document["arrangement"] == "joint_cloud"  # the slug: readers see the label in their language
    assert "首長の関与" in document["body"]
    assert "７団体で共同化 & 標準化" in document["body"]
    assert "早めの合意\n首長が先に合意した。" in document["body"]


def test_only_published_unrestricted_case_studies_are_to_be_indexed_and_their_hits_checked():
    published = case_study(title="公開")
    case_study(title="下書き", publish=False)
    restricted = case_study(title="限定")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)

    assert list(CASE_STUDY.queryset()) == [published]
    assert list(CASE_STUDY.access_queryset()) == [published]
    assert CASE_STUDY.visibility(restricted).public is False


def held(es, page) -> dict | None:
    response = es.options(ignore_status=404).get(index=alias(KNOWLEDGE), id=CASE_STUDY.document_id(page.pk))
    return response["_source"] if response.get("found") else None


def test_a_case_study_documents_url_opens_the_published_page(client, search_indexes):
    page = case_study(title="開ける事例")
    index_now()

    url = held(search_indexes, page)["url"]

    response = client.get(url)
    assert response.status_code == 200
    assert "開ける事例" in response.content.decode()


def test_a_view_restriction_takes_the_case_study_out_of_the_index_and_lifting_it_returns_it(search_indexes):
    page = case_study(title="限定になる事例")
    index_now()
    assert held(search_indexes, page) is not None

    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    index_now()
    assert held(search_indexes, page) is None

    restriction.delete()
    index_now()
    assert held(search_indexes, page) is not None


def test_unpublishing_a_case_study_removes_its_document(search_indexes):
    page = case_study(title="取り下げる事例")
    index_now()
    page.unpublish()
    index_now()
    assert held(search_indexes, page) is None
