"""Readiness self-assessment: scoring, advice, matching cases, history, and who may see results."""

from urllib.parse import parse_qs, urlsplit

import pytest

from cases import readiness
from cases.models import ReadinessAssessment, SuccessFactor
from cases.selectors import readiness_factors
from portal.models import Municipality, Role
from tests.conftest import built_once, seed
from tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seed, loaded once for the module: each test's writes are rolled back to it."""
    yield from built_once(django_db_blocker, seed)


def answers(default="yes", **overrides):
    return {f.slug: overrides.get(f.slug.replace("-", "_"), default) for f in readiness_factors()}


def test_scoring_weights_yes_fully_partly_by_half_and_no_not_at_all():
    saved = {
        "a": {"answer": "yes", "title": "A", "question": "", "advice": "", "weight": 2},
        "b": {"answer": "partly", "title": "B", "question": "", "advice": "", "weight": 2},
        "c": {"answer": "no", "title": "C", "question": "", "advice": "", "weight": 1},
    }
    result = readiness.score(saved)
    assert result.score == 60  # (2 + 1 + 0) / 5
    assert [i.title for i in result.strengths] == ["A"]
    assert [i.title for i in result.gaps] == ["B", "C"]
    assert readiness.score({}).score == 0


def test_the_questions_are_the_seeds_twelve_success_factors(seeded):
    slugs = [f.slug for f in readiness_factors()]
    assert len(slugs) == 12
    assert {"concept-leader", "engaged-head", "small-population", "sla-central", "network-capacity"} <= set(
        slugs
    )


def test_staff_save_a_result_and_see_gaps_advice_cases_and_a_prefilled_consultation(client, seeded):
    kawai = Municipality.objects.get(name="河合町")
    client.force_login(member(Role.STAFF, kawai))
    response = client.post("/cases/readiness/", answers(sla_central="no", engaged_head="partly"))
    assessment = ReadinessAssessment.objects.get()
    assert response["Location"] == f"/cases/readiness/{assessment.pk}/"
    assert assessment.municipality == kawai
    assert 0 < assessment.score < 100
    html = client.get(response["Location"]).content.decode()
    assert "ＳＬＡが契約の主役" in html and "契約締結（条件交渉）に６ヶ月を要しました" in html
    assert "奈良県基幹システム共同化検討会" in html  # shows both factors
    link = next(part for part in html.split('"') if part.startswith("/consultations/new/?"))
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query["title"] == ["共同化・クラウド化の準備について相談したい"]
    assert (
        "ＳＬＡが契約の主役" in query["body"][0]
        and "関心を持ち積極的に動いてくれる首長が存在" in query["body"][0]
    )
    assert "コンセプト・リーダー" not in query["body"][0]

    # Following the link opens the consultation form already filled in.
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert 'value="共同化・クラウド化の準備について相談したい"' in form
    assert "ＳＬＡが契約の主役" in form.split('name="body"')[1].split("</textarea>")[0]


def test_a_prefilled_consultation_form_takes_plain_text_only(client, seeded):
    client.force_login(member(Role.STAFF, Municipality.objects.get(name="河合町")))
    form = client.get(
        "/consultations/new/",
        {"title": "<b>準備</b>の相談", "body": "<script>alert(1)</script>ネットワークの<em>相談</em>"},
    ).content.decode()
    assert 'value="準備の相談"' in form
    body = form.split('name="body"')[1].split("</textarea>")[0]
    assert "ネットワークの相談" in body and "<script" not in body and "&lt;script" not in body


def test_who_cannot_file_a_consultation_gets_no_consultation_button(client, seeded):
    client.force_login(member(Role.OFFICIAL))
    html = client.post("/cases/readiness/", answers(default="yes", network_capacity="no")).content.decode()
    assert "ネットワーク管理者の維持" in html
    assert "不足している点を相談窓口に相談する" not in html


def test_all_yes_has_no_gaps_and_no_consultation_button(client, seeded):
    client.force_login(member(Role.STAFF, Municipality.objects.get(name="香芝市")))
    response = client.post("/cases/readiness/", answers())
    html = client.get(response["Location"]).content.decode()
    assert "100</strong>" in html and "不足している点はありません" in html
    assert "/consultations/new/" not in html


def test_unanswered_questions_keep_the_given_answers_and_save_nothing(client, seeded):
    client.force_login(member(Role.STAFF, Municipality.objects.get(name="香芝市")))
    partial = answers()
    partial.pop("sla-central")
    partial["engaged-head"] = "no"
    response = client.post("/cases/readiness/", partial)
    assert response.status_code == 200
    html = response.content.decode()
    assert "入力内容にエラーが 1 件あります" in html
    assert 'href="#id_sla-central_0"' in html  # the summary links to the unanswered question
    assert 'value="no" id="id_engaged-head_2" required checked' in html
    assert ReadinessAssessment.objects.count() == 0


def test_history_lists_own_results_and_the_form_starts_from_the_last_answers(client, seeded):
    kashiba = Municipality.objects.get(name="香芝市")
    staff = member(Role.STAFF, kashiba)
    colleague = member(Role.STAFF, kashiba)
    client.force_login(staff)
    client.post("/cases/readiness/", answers(default="no"))
    client.force_login(colleague)
    client.post("/cases/readiness/", answers(default="yes", sla_central="no"))
    html = client.get("/cases/readiness/").content.decode()
    saved = list(ReadinessAssessment.objects.filter(municipality=kashiba))
    assert [a.score for a in saved] == [94, 0]  # newest first; 15 of 16 weighted points, then none
    history = html.split("自団体のこれまでの結果")[1]
    assert history.index(f"/cases/readiness/{saved[0].pk}/") < history.index(
        f"/cases/readiness/{saved[1].pk}/"
    )
    # The form starts from the municipality's latest answers (the colleague's).
    assert 'value="no" id="id_sla-central_2" required checked' in html
    assert 'value="yes" id="id_concept-leader_0" required checked' in html


def test_staff_of_another_municipality_get_404_for_a_saved_result(client, seeded):
    kashiba = Municipality.objects.get(name="香芝市")
    client.force_login(member(Role.STAFF, kashiba))
    location = client.post("/cases/readiness/", answers())["Location"]
    client.force_login(member(Role.STAFF, Municipality.objects.get(name="河合町")))
    assert client.get(location).status_code == 404
    assert "香芝市" not in client.get("/cases/readiness/").content.decode()
    client.force_login(member(Role.OFFICIAL))
    assert client.get(location).status_code == 404


def test_advisors_see_every_municipalitys_latest_result(client, log_in, seeded):
    for name, default in [("香芝市", "no"), ("香芝市", "yes"), ("河合町", "partly")]:
        client.force_login(member(Role.STAFF, Municipality.objects.get(name=name)))
        client.post("/cases/readiness/", answers(default=default))
    advisor = member(Role.ADVISOR)
    log_in(advisor)
    html = client.get("/cases/readiness/").content.decode()
    latest = html.split("各市町村の最新の結果")[1]
    assert "香芝市</th><td>100</td>" in latest and "河合町</th><td>50</td>" in latest
    assert "香芝市</th><td>0</td>" not in latest
    some = ReadinessAssessment.objects.first()
    assert client.get(f"/cases/readiness/{some.pk}/").status_code == 200


def test_officials_can_assess_but_nothing_is_saved(client, seeded):
    client.force_login(member(Role.OFFICIAL))
    response = client.post("/cases/readiness/", answers(default="yes", network_capacity="no"))
    assert response.status_code == 200
    assert "ネットワーク管理者の維持" in response.content.decode()
    assert ReadinessAssessment.objects.count() == 0


def test_a_factor_without_a_question_is_not_asked(client, seeded):
    SuccessFactor.objects.filter(slug="sla-central").update(question="")
    client.force_login(member(Role.OFFICIAL))
    html = client.get("/cases/readiness/").content.decode()
    assert "SLA（サービス水準）を契約の中心に据えている" not in html
    assert "ネットワーク管理者を維持・育成する体制がある" in html


def test_a_saved_result_lists_the_gaps_in_question_order(client, seeded):
    client.force_login(member(Role.STAFF, Municipality.objects.get(name="河合町")))
    response = client.post("/cases/readiness/", answers(default="no"))
    assessment = ReadinessAssessment.objects.get()
    assessment.refresh_from_db()  # the answers as PostgreSQL gives them back
    titles = [factor.title for factor in readiness_factors()]
    assert [item.title for item in readiness.score(assessment.answers).gaps] == titles
    html = client.get(response["Location"]).content.decode()
    assert sorted(titles, key=html.index) == titles


def test_the_english_self_assessment_asks_and_advises_in_english(client, seeded):
    kawai = Municipality.objects.get(name="河合町")
    client.force_login(member(Role.STAFF, kawai))
    client.cookies["django_language"] = "en"
    form = client.get("/cases/readiness/").content.decode()
    assert "The SLA (service levels) is at the centre of the contract" in form
    assert "SLA（サービス水準）を契約の中心に据えている" not in form
    response = client.post("/cases/readiness/", answers(sla_central="no"))
    html = client.get(response["Location"]).content.decode()
    assert "The SLA is the heart of the contract." in html and "took six months" in html
    link = next(part for part in html.split('"') if part.startswith("/consultations/new/?"))
    body = parse_qs(urlsplit(link.replace("&amp;", "&")).query)["body"][0]
    assert "- The SLA is the heart of the contract (The SLA (service levels) is at the centre" in body
    # The same saved answers read in Japanese for a Japanese reader.
    client.cookies["django_language"] = "ja"
    assert "ＳＬＡが契約の主役" in client.get(response["Location"]).content.decode()


def test_the_english_typology_page_names_the_success_factors_in_english(client, seeded):
    client.cookies["django_language"] = "en"
    html = client.get("/cases/typology/").content.decode()
    assert "A mayor who takes an interest and acts" in html
    assert "関心を持ち積極的に動いてくれる首長が存在" not in html


def gap_tags(html: str) -> dict[str, str]:
    """Each gap's heading id (the factor's slug) and the answer tag shown beside it."""
    return {
        part.split('"')[0]: part.split('class="tag">')[1].split("<")[0] for part in html.split('id="gap-')[1:]
    }


def test_each_gap_is_tagged_with_the_answer_given_in_the_readers_language(client, seeded):
    client.force_login(member(Role.STAFF, Municipality.objects.get(name="河合町")))
    response = client.post("/cases/readiness/", answers(sla_central="no", engaged_head="partly"))
    result = response["Location"]
    assert gap_tags(client.get(result).content.decode()) == {
        "engaged-head": "一部あてはまる",
        "sla-central": "いいえ",
    }
    client.cookies["django_language"] = "en"
    assert gap_tags(client.get(result).content.decode()) == {"engaged-head": "Partly", "sla-central": "No"}
