"""load_demo gives both groups their path: the forming group up to デモ評価 within the success factors
but for the heads' sign-off, and the seed's finished group from 勉強会 to 稼働, staggered, 22業務."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from portal.models import User
from procurement import success_factors
from procurement.demo import FINISHED, FORMING
from procurement.models import Milestone, Step, Workspace
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


def test_the_forming_group_did_everything_up_to_the_rfp_within_the_year_and_is_at_its_demo_evaluation():
    forming = Workspace.objects.get(slug=FORMING)
    rows = {m.step: m for m in forming.milestones.filter(member__isnull=True)}
    done = [Step.STUDY, Step.LAUNCH, Step.SECRETARIAT, Step.BRIEFING, Step.RFI, Step.RFP]
    assert all(rows[step].actual_on is not None for step in done)
    assert (rows[Step.RFP].actual_on - forming.started_on).days <= 365
    assert rows[Step.DEMO].actual_on is None and rows[Step.DEMO].target_on >= timezone.localdate()
    assert all(rows[s].actual_on is None and rows[s].target_on for s in rows if s not in done)
    go_live = forming.milestones.filter(step=Step.GO_LIVE)
    assert set(go_live.values_list("member__municipality__name", flat=True)) == {"香芝市", "葛城市", "河合町"}
    # Two of its members have no 首長 sign-off yet: the one warning it gets.
    assert [c.code for c in success_factors.warnings_for(forming)] == ["head_signoff"]


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
    bpr = finished.milestones.get(step=Step.BPR).actual_on
    negotiation = finished.milestones.get(step=Step.NEGOTIATION).actual_on
    assert bpr - selection > datetime.timedelta(days=365)  # 事業者決定後に1年以上
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
