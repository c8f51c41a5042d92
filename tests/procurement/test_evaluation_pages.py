"""The evaluation pages as their users meet them: evaluators score on their own and see only their
own sheet until the close; runners set a round up, close it and record the decision; the people
inside read the results table; officials see that a round exists, its state and the chosen vendor."""

import pytest

from portal.models import Notification
from procurement.models import Criterion, Decision, Round, RoundState, Score
from tests.factories import run_tasks
from tests.procurement.evaluation_world import build_evaluation_world

pytestmark = pytest.mark.django_db

FOUNDERS_COMMENT = "画面遷移が多く、窓口業務では使いにくい。"


@pytest.fixture
def world(procurement_world):
    made = build_evaluation_world(procurement_world)
    return {**procurement_world, **made, "slug": procurement_world["workspace"].slug}


def _url(world, round=None, tail=""):
    base = f"/procurement/{world['slug']}/evaluation/"
    return base if round is None else f"{base}{round.pk}/{tail}"


def _text(response):
    return response.content.decode()


def _comment_on_founders_score(world):
    score = Score.objects.filter(round=world["open_round"], evaluator=world["people"]["founder"]).first()
    score.comment = FOUNDERS_COMMENT
    score.save()


def _points(round, usability, migration):
    usability_pk = round.criteria.get(name="操作性").pk
    migration_pk = round.criteria.get(name="移行支援").pk
    return {f"points_{usability_pk}": usability, f"points_{migration_pk}": migration}


def test_an_evaluator_cannot_see_another_evaluators_scores_before_the_round_closes(client, log_in, world):
    _comment_on_founders_score(world)
    people, round = world["people"], world["open_round"]
    log_in(people["member"])
    for page in [_url(world, round), _url(world, round, f"sheets/{people['member'].pk}/")]:
        response = client.get(page)
        assert response.status_code == 200
        assert FOUNDERS_COMMENT not in _text(response)
    vendor = round.vendors.order_by("name")[0]
    form = client.get(_url(world, round, f"vendors/{vendor.pk}/score/"))
    assert FOUNDERS_COMMENT not in _text(form)
    assert 'value="16"' not in _text(form)
    assert client.get(_url(world, round, f"sheets/{people['founder'].pk}/")).status_code == 404
    assert client.get(_url(world, round, "results/")).status_code == 404


def test_an_evaluator_sees_their_own_points_and_comments_on_their_sheet(client, log_in, world):
    _comment_on_founders_score(world)
    founder, round = world["people"]["founder"], world["open_round"]
    log_in(founder)
    response = client.get(_url(world, round, f"sheets/{founder.pk}/"))
    assert FOUNDERS_COMMENT in _text(response)
    assert "未入力" in _text(response)  # the second vendor


def test_the_secretariat_sees_who_has_scored_how_much_but_no_points_before_the_close(client, log_in, world):
    _comment_on_founders_score(world)
    people, round = world["people"], world["open_round"]
    log_in(people["secretariat"])
    response = client.get(_url(world, round))
    text = _text(response)
    assert people["founder"].get_full_name() in text
    assert "2 / 4 項目" in text
    assert FOUNDERS_COMMENT not in text
    assert client.get(_url(world, round, f"sheets/{people['founder'].pk}/")).status_code == 404


def test_an_evaluator_saves_their_points_for_a_vendor_and_may_correct_them_until_the_close(
    client, log_in, world
):
    member, round = world["people"]["member"], world["open_round"]
    vendor = round.vendors.order_by("name")[1]
    log_in(member)
    page = _url(world, round, f"vendors/{vendor.pk}/score/")
    assert client.post(page, _points(round, "12", "6")).status_code == 302
    assert client.post(page, _points(round, "14", "6")).status_code == 302
    saved = Score.objects.filter(round=round, evaluator=member, vendor=vendor)
    assert sorted(saved.values_list("criterion__name", "points")) == [("操作性", 14), ("移行支援", 6)]
    assert {score.member.municipality for score in saved} == {world["towns"]["member"]}


def test_points_out_of_range_or_missing_are_refused_in_japanese_and_nothing_is_saved(client, log_in, world):
    member, round = world["people"]["member"], world["open_round"]
    vendor = round.vendors.order_by("name")[0]
    log_in(member)
    response = client.post(_url(world, round, f"vendors/{vendor.pk}/score/"), _points(round, "25", ""))
    text = _text(response)
    assert response.status_code == 200
    assert "0〜20 の整数で入力してください。" in text
    assert "「移行支援」の点数を入力してください。" in text
    assert 'value="25"' in text  # what the evaluator typed is kept
    assert not Score.objects.filter(round=round, evaluator=member).exists()


def test_changing_the_criteria_after_the_first_score_is_refused_with_a_message(client, log_in, world):
    round = world["open_round"]
    log_in(world["people"]["founder"])
    response = client.post(
        _url(world, round, "criteria/"), {"name": "操作性", "max_points": "5"}, follow=True
    )
    assert "採点が始まっているため、評価項目と配点は変更できません" in _text(response)
    assert round.criteria.get(name="操作性").max_points == 20


def test_the_criteria_points_cannot_add_up_to_more_than_the_technical_points(client, log_in, world):
    round = world["fresh_round"]  # 操作性 20 + 移行支援 10 of 70
    log_in(world["people"]["secretariat"])
    response = client.post(_url(world, round, "criteria/"), {"name": "標準準拠", "max_points": "41"})
    assert "残りは 40 点です" in _text(response)
    assert not Criterion.objects.filter(round=round, name="標準準拠").exists()
    assert (
        client.post(_url(world, round, "criteria/"), {"name": "標準準拠", "max_points": "40"}).status_code
        == 302
    )


def test_a_founder_creates_a_round_and_a_second_submit_finds_the_same_one(client, log_in, world):
    log_in(world["people"]["founder"])
    data = {"title": "提案評価", "stage": "proposal", "technical_points": "80", "price_points": "20"}
    first = client.post(_url(world) + "new/", data)
    second = client.post(_url(world) + "new/", data)
    assert first["Location"] == second["Location"]
    made = Round.objects.get(workspace=world["workspace"], title="提案評価")
    assert (made.stage, made.technical_points, made.price_points) == ("proposal", 80, 20)


def test_closing_a_round_nobody_has_scored_is_refused_with_a_message(client, log_in, world):
    round = world["fresh_round"]
    log_in(world["people"]["founder"])
    response = client.post(_url(world, round, "close/"), follow=True)
    assert "まだ誰も採点していないため、締め切れません。" in _text(response)
    round.refresh_from_db()
    assert round.state == RoundState.OPEN


def test_closing_twice_is_harmless_and_opens_the_results_to_the_people_inside(client, log_in, world):
    round = world["open_round"]
    log_in(world["people"]["secretariat"])
    client.post(_url(world, round, "close/"))
    again = client.post(_url(world, round, "close/"), follow=True)
    assert "すでに締め切られています" in _text(again)
    round.refresh_from_db()
    assert round.state == RoundState.CLOSED
    assert round.closed_by == world["people"]["secretariat"]
    log_in(world["people"]["member"])
    assert client.get(_url(world, round, "results/")).status_code == 200


def test_the_results_table_shows_means_spread_price_score_total_and_rank(client, log_in, world):
    round = world["closed_round"]  # see tests.procurement.evaluation_world.CLOSED_POINTS
    log_in(world["people"]["consultant"])
    text = _text(client.get(_url(world, round, "results/")))
    assert "<caption" in text and 'scope="col"' in text
    # 飛鳥データサービス株式会社: 操作性 (12 + 14) / 2 = 13.00, σ 1.00; 移行支援 (9 + 7) / 2 = 8.00;
    # technical 21.00, the lowest price → 30.00; total 51.00.
    assert "最低 12・最高 14・標準偏差 1.00（2人）" in text
    assert "51.00" in text
    # 株式会社やまと情報システム: 17.00 + 7.00 = 24.00; 30 × 380,000,000 ÷ 400,000,000 = 28.50; 52.50, first.
    assert "28.50" in text and "52.50" in text
    assert text.index("株式会社やまと情報システム") < text.index("飛鳥データサービス株式会社")
    assert "価格点 ＝ 価格点の満点（30点）× 最低提案価格（380,000,000円）÷ 当該提案価格" in text


def test_a_runner_records_the_decision_with_reasons_and_a_second_submit_changes_nothing(
    client, log_in, world
):
    round = world["closed_round"]
    vendor = round.vendors.get(name="飛鳥データサービス株式会社")
    other = round.vendors.get(name="株式会社やまと情報システム")
    log_in(world["people"]["founder"])
    page = _url(world, round, "decision/")
    assert (
        client.post(
            page, {"vendor": vendor.pk, "reasons": "総合点が最も高く、移行支援の評価も高い。"}
        ).status_code
        == 302
    )
    again = client.post(page, {"vendor": other.pk, "reasons": "別の理由"}, follow=True)
    assert "すでに記録されています" in _text(again)
    decision = Decision.objects.get(round=round)
    assert (decision.vendor, decision.decided_by) == (vendor, world["people"]["founder"])
    shown = _text(client.get(_url(world, round)))
    assert "総合点が最も高く、移行支援の評価も高い。" in shown
    assert world["people"]["founder"].get_full_name() in shown


def test_the_decision_needs_a_vendor_and_reasons(client, log_in, world):
    log_in(world["people"]["secretariat"])
    response = client.post(_url(world, world["closed_round"], "decision/"), {"vendor": "", "reasons": " "})
    text = _text(response)
    assert "選定した事業者を選んでください。" in text
    assert "選定の理由を入力してください。" in text
    assert not Decision.objects.exists()


def test_officials_see_a_rounds_state_and_the_chosen_vendor_but_never_a_score(client, log_in, world):
    round = world["closed_round"]
    vendor = round.vendors.get(name="飛鳥データサービス株式会社")
    Decision.objects.create(
        round=round, vendor=vendor, reasons="内部の検討経過", decided_by=world["people"]["founder"]
    )
    log_in(world["people"]["official"])
    listing = _text(client.get(_url(world)))
    assert round.title in listing and "飛鳥データサービス株式会社" in listing
    page = _text(client.get(_url(world, round)))
    assert "締切済み" in page and "飛鳥データサービス株式会社" in page
    for secret in ["内部の検討経過", "標準偏差", "入力状況", "380,000,000"]:
        assert secret not in page
    for tail in ["results/", f"sheets/{world['people']['founder'].pk}/", "setup/", "decision/"]:
        assert client.get(_url(world, round, tail)).status_code == 404


def test_closing_a_round_tells_the_people_inside_once_that_the_results_are_there(client, log_in, world):
    people, round = world["people"], world["open_round"]
    log_in(people["founder"])
    client.post(_url(world, round, "close/"))
    client.post(_url(world, round, "close/"))
    run_tasks()
    notices = Notification.objects.filter(kind="procurement_round_closed")
    # The member's 担当者 and the secretariat (advisor and consultant); not the founder who closed it,
    # nor the overseers.
    assert {notice.recipient for notice in notices} == {
        people["member"],
        people["secretariat"],
        people["consultant"],
    }
    assert notices.count() == 3
    log_in(people["member"])
    listed = client.get("/notifications/")
    assert f"事業者評価「{round.title}」が締め切られ、集計結果を確認できます。" in _text(listed)


def test_each_field_of_the_set_up_page_has_its_own_id_so_its_label_names_it(client, log_in, world):
    log_in(world["people"]["founder"])
    html = _text(client.get(_url(world, world["fresh_round"], "setup/")))
    assert html.count('id="id_name"') == 1 and html.count('id="id_vendor_name"') == 1
    assert '<label class="field__label" for="id_vendor_name">事業者名' in html
