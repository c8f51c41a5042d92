"""load_demo gives the forming group a closed デモ評価 with results and an open 提案評価 with
kashiba.staff's sheet half filled in; official@example.jp's pages show no score."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.models import User
from procurement.models import Round, RoundStage, RoundState, Score, Workspace
from procurement.services_evaluation import results
from tests.conftest import built_once

pytestmark = pytest.mark.django_db

PAGES = "/procurement/kita-katsuragi-kikan/evaluation/"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("procurement-evaluation-demo")

    def build():
        with override_settings(DEBUG=True, PRIVATE_STORAGE_ROOT=files):
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", stdout=StringIO())
        return files

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _files(settings, loaded):
    settings.PRIVATE_STORAGE_ROOT = loaded


def _rounds():
    forming = Workspace.objects.get(slug="kita-katsuragi-kikan")
    return forming.rounds.get(stage=RoundStage.DEMO), forming.rounds.get(stage=RoundStage.PROPOSAL)


def test_the_demo_evaluation_is_closed_with_two_vendors_scored_by_evaluators_of_all_three_members():
    demo, _proposal = _rounds()
    assert demo.state == RoundState.CLOSED
    assert demo.vendors.count() == 2
    assert set(demo.scores.values_list("member__municipality__name", flat=True)) == {
        "香芝市",
        "葛城市",
        "河合町",
    }
    evaluators = set(demo.scores.values_list("evaluator__email", flat=True))
    assert {"kashiba.staff@example.jp", "kawai.staff@example.jp"} <= evaluators
    assert len(evaluators) == 5
    # Every evaluator scored every vendor on every criterion.
    assert demo.scores.count() == 5 * demo.criteria.count() * 2
    assert sorted(row.rank for row in results(demo).rows) == [1, 2]


def test_the_proposal_round_is_open_with_kashiba_staffs_scores_partly_entered():
    _demo, proposal = _rounds()
    assert proposal.state == RoundState.OPEN
    kashiba = Score.objects.filter(round=proposal, evaluator__email="kashiba.staff@example.jp")
    assert kashiba.values("vendor").distinct().count() == 1
    assert kashiba.count() == proposal.criteria.count()
    assert Score.objects.filter(round=proposal).count() == kashiba.count()


def test_kashiba_staff_reads_the_demo_results_and_their_own_sheet(client, log_in):
    demo, proposal = _rounds()
    kashiba = User.objects.get(email="kashiba.staff@example.jp")
    log_in(kashiba)
    table = client.get(f"{PAGES}{demo.pk}/results/").content.decode()
    assert "株式会社まほろば情報システム" in table and "1位" in table and "標準偏差" in table
    assert client.get(f"{PAGES}{proposal.pk}/sheets/{kashiba.pk}/").status_code == 200
    # The other evaluators' sheets of the open round are not theirs to read.
    kawai = User.objects.get(email="kawai.staff@example.jp")
    assert client.get(f"{PAGES}{proposal.pk}/sheets/{kawai.pk}/").status_code == 404


def test_officials_pages_show_that_rounds_exist_but_no_score(client, log_in):
    demo, proposal = _rounds()
    log_in(User.objects.get(email="official@example.jp"))
    seen = [client.get(PAGES), client.get(f"{PAGES}{demo.pk}/"), client.get(f"{PAGES}{proposal.pk}/")]
    assert [response.status_code for response in seen] == [200, 200, 200]
    mean = str(results(demo).rows[0].cells[0].mean)
    for response in seen:
        text = response.content.decode()
        for secret in [mean, "標準偏差", "技術点", "入力状況", "1,012,000,000"]:
            assert secret not in text
    assert "締切済み" in seen[1].content.decode()
    assert client.get(f"{PAGES}{demo.pk}/results/").status_code == 404


def test_a_second_load_adds_no_round_or_score(settings):
    settings.DEBUG = True
    before = (Round.objects.count(), Score.objects.count(), User.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (Round.objects.count(), Score.objects.count(), User.objects.count()) == before
    assert "demo rounds are already there" in out.getvalue()
