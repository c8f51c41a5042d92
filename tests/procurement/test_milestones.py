"""The milestones page: the seed's twelve steps in order, 稼働 per member, who may follow and who may
edit, and the warnings beside them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement.milestones import add_months, plan_create
from procurement.models import STEPS, Milestone, Step

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(procurement_world):
    plan_create(procurement_world["workspace"])
    return procurement_world


def test_the_default_plan_follows_the_seeds_path_with_go_live_per_member(planned):
    workspace = planned["workspace"]
    rows = list(workspace.milestones.all())
    assert [row.step for row in rows if row.member_id is None] == [s for s in STEPS if s != Step.GO_LIVE]
    assert {row.member.municipality.name for row in rows if row.step == Step.GO_LIVE} == {"葛城市", "河合町"}
    rfp = workspace.milestones.get(step=Step.RFP)
    # The plan itself keeps the success factor: the RFP is targeted within the year.
    assert (rfp.target_on - workspace.started_on).days <= 365
    assert [s.value for s in STEPS] == [
        "study", "launch", "secretariat", "briefing", "rfi", "rfp", "demo", "proposal", "selection", "bpr",
        "negotiation", "go_live",
    ]  # fmt: skip


def test_a_second_plan_adds_nothing(planned):
    before = planned["workspace"].milestones.count()
    plan_create(planned["workspace"])
    assert planned["workspace"].milestones.count() == before


def test_add_months_keeps_the_day_or_the_months_last_day():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 14) == datetime.date(2028, 1, 15)


def test_the_official_follows_the_milestones_and_warnings_but_cannot_edit(client, log_in, planned):
    workspace = planned["workspace"]
    log_in(planned["people"]["official"])

    page = client.get(reverse("procurement:workspace_milestones", args=[workspace.slug]))
    html = page.content.decode()

    assert page.status_code == 200
    assert "仕様確認・BPR" in html and "稼働（河合町）" in html
    assert "首長の了承日が記録されていない団体" in html
    assert "を編集" not in html
    rfp = workspace.milestones.get(step=Step.RFP)
    edit = reverse("procurement:workspace_milestone_edit", args=[workspace.slug, rfp.pk])
    assert client.get(edit).status_code == 404


def test_a_runner_records_an_actual_date_owner_and_note(client, log_in, planned):
    workspace = planned["workspace"]
    rfp = workspace.milestones.get(step=Step.RFP)
    log_in(planned["people"]["founder"])
    today = timezone.localdate()

    response = client.post(
        reverse("procurement:workspace_milestone_edit", args=[workspace.slug, rfp.pk]),
        {
            "target_on": str(today),
            "actual_on": str(today),
            "owner": "事務局（支援事業者）",
            "note": "第2回 RFP",
        },
    )

    assert response.status_code == 302
    rfp.refresh_from_db()
    assert (rfp.actual_on, rfp.owner, rfp.note) == (today, "事務局（支援事業者）", "第2回 RFP")


def test_an_actual_date_in_the_future_is_refused_next_to_its_field(client, log_in, planned):
    workspace = planned["workspace"]
    rfp = workspace.milestones.get(step=Step.RFP)
    log_in(planned["people"]["secretariat"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        reverse("procurement:workspace_milestone_edit", args=[workspace.slug, rfp.pk]),
        {"target_on": "", "actual_on": str(tomorrow), "owner": "事務局", "note": "書きかけ"},
    )

    html = response.content.decode()
    assert response.status_code == 200 and "目標日に入れてください" in html and "書きかけ" in html
    rfp.refresh_from_db()
    assert rfp.actual_on is None


def test_a_member_reads_the_milestones_but_only_runners_edit_them(client, log_in, planned):
    workspace = planned["workspace"]
    milestone = workspace.milestones.get(step=Step.DEMO)
    log_in(planned["people"]["member"])
    url = reverse("procurement:workspace_milestone_edit", args=[workspace.slug, milestone.pk])

    assert client.get(reverse("procurement:workspace_milestones", args=[workspace.slug])).status_code == 200
    assert client.post(url, {"owner": "河合町"}).status_code == 404
    assert Milestone.objects.get(pk=milestone.pk).owner != "河合町"


def test_a_milestone_of_another_group_is_not_found_through_this_one(client, log_in, planned):
    other = planned["workspace"].__class__.objects.create(
        slug="other-group", name="別の検討会", created_by=planned["people"]["founder"]
    )
    plan_create(other)
    foreign = other.milestones.get(step=Step.RFP)
    log_in(planned["people"]["founder"])
    url = reverse("procurement:workspace_milestone_edit", args=[planned["workspace"].slug, foreign.pk])
    assert client.get(url).status_code == 404
