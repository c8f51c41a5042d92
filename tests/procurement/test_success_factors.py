"""The success factors' warnings, each at its boundary: the seed's figures (1 year to RFP, about 8
members, 22 業務) pass, one more warns; a member with no 首長の了承日 warns."""

import datetime

import pytest

from procurement import success_factors
from procurement.models import Step
from tests.factories import MilestoneFactory, SystemAreaFactory, WorkspaceFactory, WorkspaceMemberFactory

pytestmark = pytest.mark.django_db

START = datetime.date(2026, 4, 1)


def warned(workspace, today=START):
    return {check.code for check in success_factors.warnings_for(workspace, today=today)}


def group(members=2):
    workspace = WorkspaceFactory(started_on=START)
    for _ in range(members):
        WorkspaceMemberFactory(workspace=workspace, head_signoff_on=START)
    return workspace


def test_a_group_within_every_factor_is_not_warned():
    assert warned(group()) == set()


def test_an_rfp_done_365_days_after_the_start_passes_and_366_days_warns():
    workspace = group()
    rfp = MilestoneFactory(workspace=workspace, step=Step.RFP, actual_on=START + datetime.timedelta(days=365))
    assert "time_to_rfp" not in warned(workspace)
    rfp.actual_on = START + datetime.timedelta(days=366)
    rfp.save()
    assert "time_to_rfp" in warned(workspace)


def test_the_rfps_actual_date_counts_before_its_target():
    workspace = group()
    MilestoneFactory(
        workspace=workspace,
        step=Step.RFP,
        target_on=START + datetime.timedelta(days=400),
        actual_on=START + datetime.timedelta(days=300),
    )
    assert "time_to_rfp" not in warned(workspace)


def test_a_target_more_than_a_year_after_the_start_warns_before_the_day_comes():
    workspace = group()
    MilestoneFactory(workspace=workspace, step=Step.RFP, target_on=START + datetime.timedelta(days=366))
    assert "time_to_rfp" in warned(workspace, today=START + datetime.timedelta(days=10))
    workspace.milestones.update(target_on=START + datetime.timedelta(days=365))
    assert "time_to_rfp" not in warned(workspace, today=START + datetime.timedelta(days=10))


def test_without_an_rfp_date_a_year_without_one_warns_from_the_366th_day():
    workspace = group()
    MilestoneFactory(workspace=workspace, step=Step.RFP)
    assert "time_to_rfp" not in warned(workspace, today=START + datetime.timedelta(days=365))
    assert "time_to_rfp" in warned(workspace, today=START + datetime.timedelta(days=366))


def test_eight_members_pass_and_nine_warn():
    workspace = group(members=8)
    assert "members" not in warned(workspace)
    WorkspaceMemberFactory(workspace=workspace, head_signoff_on=START)
    assert "members" in warned(workspace)


def test_twenty_two_business_areas_pass_and_twenty_three_warn():
    workspace = group()
    areas = [SystemAreaFactory(name=f"試験業務{n}", order=500 + n) for n in range(23)]
    workspace.areas.set(areas[:22])
    assert "business_areas" not in warned(workspace)
    workspace.areas.set(areas)
    assert "business_areas" in warned(workspace)


def test_a_stated_number_of_business_areas_counts_instead_of_the_areas_chosen():
    workspace = group()
    workspace.areas.set([SystemAreaFactory(name="住民記録")])
    workspace.business_count = 22
    workspace.save()
    assert "business_areas" not in warned(workspace)
    workspace.business_count = 23
    workspace.save()
    assert "business_areas" in warned(workspace)


def test_a_member_without_its_heads_signoff_warns_and_is_named():
    workspace = group()
    missing = WorkspaceMemberFactory(workspace=workspace, municipality__name="上牧町", head_signoff_on=None)
    [check] = [c for c in success_factors.warnings_for(workspace, today=START) if c.code == "head_signoff"]
    assert "上牧町" in check.finding
    missing.head_signoff_on = START
    missing.save()
    assert "head_signoff" not in warned(workspace)


def test_every_check_gives_its_reason_with_the_seeds_figure():
    checks = {check.code: check for check in success_factors.checks_for(group(), today=START)}
    assert "1年以内" in checks["time_to_rfp"].reason
    assert "8団体" in checks["members"].reason
    assert "22業務" in checks["business_areas"].reason
    assert "首長" in checks["head_signoff"].reason
