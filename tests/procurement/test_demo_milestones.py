"""load_demo gives both groups their path: the forming group past デモ評価 (its round closed) and at
提案評価 (its round open) within the success factors but for the heads' sign-off, and the seed's finished
group from 勉強会 to 稼働, staggered, 22業務; the planned steps follow the seed's order."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from portal.models import User
from procurement import success_factors
from procurement.demo import FINISHED, FORMING
from procurement.models import Milestone, RoundStage, RoundState, Step, Workspace
from tests.conftest import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("procurement-demo-milestones")

    def build():
        with override_settings(DEBUG=True, PRIVATE_STORAGE_ROOT=files):
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", stdout=StringIO())
        return files

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _files(settings, loaded):
    settings.PRIVATE_STORAGE_ROOT = loaded


def test_the_forming_group_did_everything_up_to_its_demo_evaluation_and_is_at_its_proposal_evaluation():
    forming = Workspace.objects.get(slug=FORMING)
    rows = {m.step: m for m in forming.milestones.filter(member__isnull=True)}
    done = [Step.STUDY, Step.LAUNCH, Step.SECRETARIAT, Step.BRIEFING, Step.RFI, Step.RFP, Step.DEMO]
    assert all(rows[step].actual_on is not None for step in done)
    assert (rows[Step.RFP].actual_on - forming.started_on).days <= 365
    assert rows[Step.PROPOSAL].actual_on is None and rows[Step.PROPOSAL].target_on >= timezone.localdate()
    assert all(rows[s].actual_on is None and rows[s].target_on for s in rows if s not in done)
    go_live = forming.milestones.filter(step=Step.GO_LIVE)
    assert set(go_live.values_list("member__municipality__name", flat=True)) == {"香芝市", "葛城市", "河合町"}
    # Two of its members have no 首長 sign-off yet: the one warning it gets.
    assert [c.code for c in success_factors.warnings_for(forming)] == ["head_signoff"]


def test_the_forming_groups_milestones_agree_with_its_evaluation_rounds():
    forming = Workspace.objects.get(slug=FORMING)
    demo = forming.rounds.get(stage=RoundStage.DEMO)
    proposal = forming.rounds.get(stage=RoundStage.PROPOSAL)
    demo_done = forming.milestones.get(step=Step.DEMO).actual_on
    assert demo.state == RoundState.CLOSED
    assert timezone.localtime(demo.opened_at).date() <= demo_done <= timezone.localtime(demo.closed_at).date()
    assert proposal.state == RoundState.OPEN
    assert forming.milestones.get(step=Step.PROPOSAL).actual_on is None


@pytest.mark.parametrize("slug", [FORMING, FINISHED])
def test_each_groups_dates_follow_the_seeds_order_from_the_selection_to_the_staggered_go_live(slug):
    workspace = Workspace.objects.get(slug=slug)

    def day(step):
        row = workspace.milestones.get(step=step, member__isnull=True)
        return row.actual_on or row.target_on

    path = [day(Step.PROPOSAL), day(Step.SELECTION), day(Step.BPR), day(Step.NEGOTIATION)]
    assert path == sorted(path) and len(set(path)) == len(path)
    go_live = sorted(workspace.milestones.filter(step=Step.GO_LIVE).values_list("target_on", flat=True))
    assert go_live[0] > day(Step.NEGOTIATION)
    assert go_live[0] < go_live[-1]  # one member after another, not all at once


def test_the_finished_group_went_live_staggered_as_in_the_seed():
    finished = Workspace.objects.get(slug=FINISHED)
    assert not finished.milestones.filter(actual_on__isnull=True).exists()
    go_live = finished.milestones.filter(step=Step.GO_LIVE).values_list("actual_on", flat=True)
    by_month = {}
    for day in go_live:
        by_month[(day.year, day.month)] = by_month.get((day.year, day.month), 0) + 1
    assert by_month == {(2011, 5): 1, (2011, 12): 1, (2012, 3): 4, (2013, 4): 1}
    rfp = finished.milestones.get(step=Step.RFP).actual_on
    assert (rfp - finished.started_on).days <= 365
    selection = finished.milestones.get(step=Step.SELECTION).actual_on
    bpr = finished.milestones.get(step=Step.BPR)
    negotiation = finished.milestones.get(step=Step.NEGOTIATION).actual_on
    assert selection < bpr.actual_on < negotiation  # the common specification settled before the contract
    assert "1年以上" in bpr.note  # 事業者決定後に1年以上, through the staggered go-lives
    assert 150 <= (negotiation - selection).days <= 200  # 契約締結に6か月


def test_the_finished_groups_milestones_page_reads_within_every_factor(client, log_in):
    finished = Workspace.objects.get(slug=FINISHED)
    log_in(User.objects.get(email="official@example.jp"))

    html = client.get(reverse("procurement:workspace_milestones", args=[finished.slug])).content.decode()

    assert success_factors.warnings_for(finished) == []
    assert "対象業務は 22 業務です。" in html
    assert "参加団体は 7 団体です。" in html
    assert "検討開始から RFP まで 334 日かかりました。" in html
    assert "成功要因からの注意" not in html
    assert "稼働（広陵町）" in html and "平成25年" in html


def test_a_second_load_changes_nothing(settings):
    settings.DEBUG = True
    before = Milestone.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert Milestone.objects.count() == before
    assert "milestones are already there" in out.getvalue()
