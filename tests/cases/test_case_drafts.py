"""The case studies' drafter for portal.case_drafts: another app's plain data becomes an unpublished
case page under the index, submitted to the 決裁 in the asker's name."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import WorkflowState

from cases.models import CaseStudyIndexPage, CaseStudyPage
from cases.workflow import ensure_case_workflow
from portal import case_drafts
from portal.case_drafts import CaseDraftError, CaseDraftRequest, Figure, Organisation, Step, TimelineRow
from portal.models import Role
from tests.factories import MunicipalityFactory, case_index, home_page, member

pytestmark = pytest.mark.django_db


def _request(actor, *towns, key="nara-kikan-kyodoka"):
    return CaseDraftRequest(
        title="奈良県基幹システム共同化検討会",
        summary="7団体が任意団体として共同で調達し、稼働しました。",
        key=key,
        municipalities=towns,
        organisation=Organisation.VOLUNTARY,
        timeline=(
            TimelineRow(Step.STUDY_START, datetime.date(2009, 10, 1), "検討会の発足"),
            TimelineRow(Step.GO_LIVE, datetime.date(2011, 5, 1), "稼働開始"),
        ),
        figures=(Figure("経費削減率（各団体の削減率の平均）", after="56.0", unit="%"),),
        lessons="首長を当初から巻き込み、ノーカスタマイズを貫いた。",
        actor=actor,
        business_area_count=6,
        cost_reduction_percent=Decimal("56.0"),
        source_note="共同化検討会のワークスペースから作成",
    )


@pytest.fixture
def index(db):
    home_page()
    index = case_index()
    ensure_case_workflow(index)
    return index


def test_a_draft_is_an_unpublished_case_under_the_index_submitted_to_the_review(index):
    actor = member(Role.ADVISOR)
    towns = (MunicipalityFactory(name="葛城市"), MunicipalityFactory(name="河合町"))
    page = CaseStudyPage.objects.get(pk=case_drafts.draft(_request(actor, *towns)))
    assert not page.live
    assert page.get_parent().specific == index
    assert page.slug == "kyodoka-nara-kikan-kyodoka"
    assert {m.name for m in page.municipalities.all()} == {"葛城市", "河合町"}
    assert (page.organisation, page.cost_reduction_percent, page.business_area_count) == (
        "voluntary",
        Decimal("56.0"),
        6,
    )
    assert page.first_go_live == datetime.date(2011, 5, 1)
    assert page.study_to_procurement_months is None
    assert [(r.metric, r.after, r.unit) for r in page.results.all()] == [
        ("経費削減率（各団体の削減率の平均）", "56.0", "%")
    ]
    assert page.lessons[0].value["body"] == "首長を当初から巻き込み、ノーカスタマイズを貫いた。"
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == actor


def test_a_second_draft_of_the_same_matter_gets_a_slug_of_its_own(index):
    actor = member(Role.ADVISOR)
    first = case_drafts.draft(_request(actor))
    second = case_drafts.draft(_request(actor))
    slugs = set(CaseStudyPage.objects.filter(pk__in=[first, second]).values_list("slug", flat=True))
    assert slugs == {"kyodoka-nara-kikan-kyodoka", "kyodoka-nara-kikan-kyodoka-2"}


def test_the_admin_link_is_for_those_who_may_edit_cases(index):
    advisor = member(Role.ADVISOR)
    reference = case_drafts.draft(_request(member(Role.STAFF)))
    assert case_drafts.edit_url(advisor, reference) == f"/admin/pages/{reference}/edit/"
    assert case_drafts.edit_url(member(Role.STAFF), reference) == ""
    assert case_drafts.edit_url(member(Role.OFFICIAL), reference) == ""
    CaseStudyPage.objects.get(pk=reference).delete()
    assert case_drafts.edit_url(advisor, reference) == ""


def test_without_the_case_index_the_draft_is_refused_with_a_message(db):
    home_page()
    with pytest.raises(CaseDraftError) as refused:
        case_drafts.draft(_request(member(Role.ADVISOR)))
    assert "事例の一覧ページがない" in str(refused.value)
    assert not CaseStudyIndexPage.objects.exists()
