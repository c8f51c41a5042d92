"""From go-live to a case study: the runners of a 稼働済み group press one action that drafts the case
into the 決裁, and the workspace remembers it, so a second press links to the draft instead."""

import datetime

import pytest
from wagtail.models import WorkflowState

from cases.models import CaseStudyPage
from cases.workflow import ensure_case_workflow
from procurement.models import CaseDraft, Step, WorkspaceStatus
from tests.factories import MemberCostFactory, MilestoneFactory, case_index, home_page

pytestmark = pytest.mark.django_db

FORM = {
    "title": "北葛城 基幹システム共同化の事例",
    "went_live_on": "2027-04-01",
    "selected_on": "2026-06-15",
    "contracted_on": "",
    "lessons": "原課職員が機能適合分析を行い、ノーカスタマイズを守れた。",
}


@pytest.fixture
def live_world(procurement_world):
    home_page()
    ensure_case_workflow(case_index())
    workspace = procurement_world["workspace"]
    workspace.status = WorkspaceStatus.LIVE
    workspace.started_on = workspace.started_on.replace(year=2025)
    workspace.save()
    members = {m.municipality.name: m for m in workspace.members.select_related("municipality")}
    MemberCostFactory(
        member=members["葛城市"], current_annual_yen=100_000_000, proposed_annual_yen=40_000_000
    )
    MemberCostFactory(member=members["河合町"], current_annual_yen=50_000_000, proposed_annual_yen=30_000_000)
    return procurement_world


def _url(world):
    return f"/procurement/{world['workspace'].slug}/case-drafts/"


def test_a_founder_drafts_the_case_into_the_review_with_members_timeline_costs_and_lessons(
    client, log_in, live_world
):
    founder = live_world["people"]["founder"]
    log_in(founder)
    response = client.post(_url(live_world), FORM)
    assert response.status_code == 302
    record = CaseDraft.objects.get(workspace=live_world["workspace"])
    page = CaseStudyPage.objects.get(pk=record.page_id)
    assert (page.title, page.live) == ("北葛城 基幹システム共同化の事例", False)
    assert {m.name for m in page.municipalities.all()} == {"葛城市", "河合町"}
    assert page.organisation == "voluntary"
    assert [(m.kind, m.date.isoformat()) for m in page.milestones.all()] == [
        ("study_start", live_world["workspace"].started_on.isoformat()),
        ("procurement", "2026-06-15"),
        ("go_live", "2027-04-01"),
    ]
    # 60 % and 40 %: the mean of the members' reductions, beside the total's 53.3 %.
    assert str(page.cost_reduction_percent) == "50.0"
    results = {r.metric: (r.before, r.after, r.note) for r in page.results.all()}
    assert results["年間経費（葛城市）"] == ("100,000,000", "40,000,000", "削減率 60.0％")
    assert results["年間経費（2団体の合計）"][:2] == ("150,000,000", "70,000,000")
    assert results["経費削減率（各団体の削減率の平均）"][1] == "50.0"
    assert page.lessons[0].value["body"] == FORM["lessons"]
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert (state.status, state.requested_by) == (WorkflowState.STATUS_IN_PROGRESS, founder)

    html = client.get(_url(live_world)).content.decode()
    assert "事例の決裁（CIO補佐官の確認）に回しています" in html
    # Staff do not edit cases in the admin: no link for them.
    assert "/admin/pages/" not in html


def test_a_second_press_drafts_nothing_and_links_the_secretariat_to_the_draft(client, log_in, live_world):
    log_in(live_world["people"]["founder"])
    client.post(_url(live_world), FORM)
    log_in(live_world["people"]["secretariat"])
    again = client.post(_url(live_world), {**FORM, "title": "もう一度"}, follow=True)
    html = again.content.decode()
    assert "すでに作られています" in html
    record = CaseDraft.objects.get()
    assert f'href="/admin/pages/{record.page_id}/edit/"' in html
    assert CaseStudyPage.objects.filter(title="もう一度").count() == 0
    assert CaseStudyPage.objects.filter(title=FORM["title"]).count() == 1


def test_a_group_not_yet_live_cannot_draft_its_case(client, log_in, live_world):
    workspace = live_world["workspace"]
    workspace.status = WorkspaceStatus.FORMING
    workspace.save()
    log_in(live_world["people"]["founder"])
    assert "「稼働済み」になってから" in client.get(_url(live_world)).content.decode()
    response = client.post(_url(live_world), FORM)
    assert "「稼働済み」になってから" in response.content.decode()
    assert not CaseDraft.objects.exists()
    assert not CaseStudyPage.objects.exists()


def test_lessons_are_required_and_a_go_live_before_the_start_is_refused(client, log_in, live_world):
    log_in(live_world["people"]["founder"])
    response = client.post(_url(live_world), {**FORM, "lessons": "", "went_live_on": "2001-01-01"})
    html = response.content.decode()
    assert "教訓を入力してください。" in html
    assert "検討開始日より前の日付です。" in html
    assert not CaseDraft.objects.exists() and not CaseStudyPage.objects.exists()


def test_members_consultants_and_officials_cannot_draft(client, log_in, live_world):
    for persona in ("member", "consultant", "official"):
        log_in(live_world["people"][persona])
        assert client.post(_url(live_world), FORM).status_code == 404
    assert not CaseDraft.objects.exists()


def test_the_costs_page_offers_the_runners_the_draft_once_live(client, log_in, live_world):
    costs = f"/procurement/{live_world['workspace'].slug}/costs/"
    log_in(live_world["people"]["founder"])
    assert "事例の下書きを作る" in client.get(costs).content.decode()
    log_in(live_world["people"]["member"])
    assert "事例の下書きを作る" not in client.get(costs).content.decode()


def test_the_draft_form_is_prefilled_with_the_milestones_actual_dates_and_stays_editable(
    client, log_in, live_world
):
    workspace = live_world["workspace"]
    members = {m.municipality.name: m for m in workspace.members.select_related("municipality")}
    MilestoneFactory(workspace=workspace, step=Step.SELECTION, actual_on=datetime.date(2026, 6, 15))
    MilestoneFactory(workspace=workspace, step=Step.NEGOTIATION, target_on=datetime.date(2026, 12, 1))
    for name, day in (("葛城市", datetime.date(2027, 10, 1)), ("河合町", datetime.date(2027, 4, 1))):
        MilestoneFactory(workspace=workspace, step=Step.GO_LIVE, member=members[name], actual_on=day)
    log_in(live_world["people"]["founder"])

    html = client.get(_url(live_world)).content.decode()
    # The first member's go-live, the selection as recorded; a contract only planned is left blank.
    assert 'name="went_live_on" value="2027-04-01"' in html
    assert 'name="selected_on" value="2026-06-15"' in html
    assert 'name="contracted_on" value="' not in html

    client.post(_url(live_world), {**FORM, "went_live_on": "2027-05-01"})
    page = CaseStudyPage.objects.get(pk=CaseDraft.objects.get().page_id)
    assert ("go_live", "2027-05-01") in [(m.kind, m.date.isoformat()) for m in page.milestones.all()]
