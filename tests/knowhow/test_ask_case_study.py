"""「この団体に聞く」 from a case study: a question addressed to the case's municipalities (the asker's own
left out), saying where it came from; on publish, not on a draft, their active staff are told once, and
the author never."""

import re

import pytest
from django.urls import reverse

from knowhow import services
from knowhow.models import Post
from portal.models import Notification, NotificationOptOut, Role
from tests.factories import MunicipalityFactory, case_study, home_page, member, run_tasks

pytestmark = pytest.mark.django_db

KIND = "knowhow_addressed_question"


@pytest.fixture
def case(world):
    home_page()
    oji = MunicipalityFactory(name="王寺町", kana="おうじちょう")
    page = case_study(
        title="公有財産管理システムの共同利用", municipalities=[world["kashiba"], world["kawai"], oji]
    )
    return {
        "page": page,
        "oji": oji,
        "oji_staff": member(Role.STAFF, oji),
        "url": reverse("knowhow:ask", args=["case_study", page.pk]),
    }


def notified(kind=KIND) -> list[int]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def _token(page: str) -> str:
    return re.search(r'name="client_token" value="([0-9a-f-]+)"', page).group(1)


def test_the_case_page_offers_staff_to_ask_its_municipalities(client, log_in, world, case):
    log_in(world["people"]["asker"])
    page = client.get(case["page"].get_url()).content.decode()
    assert case["url"] in page and "この団体に聞く" in page

    log_in(world["people"]["official"])
    assert case["url"] not in client.get(case["page"].get_url()).content.decode()


def test_a_case_of_the_own_municipality_alone_offers_nothing_to_its_staff(client, log_in, world):
    home_page()
    alone = case_study(title="香芝市の単独クラウド", municipalities=[world["kashiba"]])
    url = reverse("knowhow:ask", args=["case_study", alone.pk])
    log_in(world["people"]["asker"])

    assert url not in client.get(alone.get_url()).content.decode()
    assert client.get(url).status_code == 404
    log_in(world["people"]["answerer"])
    assert client.get(url).status_code == 200


def test_the_form_addresses_the_other_municipalities_with_a_title_naming_the_case(
    client, log_in, world, case
):
    log_in(world["people"]["asker"])

    page = client.get(case["url"]).content.decode()

    assert "王寺町、河合町" in page and "香芝市" not in page.split("宛先", 1)[1].split("</dd>", 1)[0]
    assert 'value="事例「公有財産管理システムの共同利用」について教えてください"' in page
    assert 'name="kind"' not in page


def test_an_unknown_source_a_draft_case_or_an_official_finds_no_form(client, log_in, world, case):
    draft = case_study(title="下書きの事例", publish=False, municipalities=[world["kawai"]])
    log_in(world["people"]["asker"])
    assert client.get(reverse("knowhow:ask", args=["consultation", case["page"].pk])).status_code == 404
    assert client.get(reverse("knowhow:ask", args=["case_study", draft.pk])).status_code == 404
    assert client.get(reverse("knowhow:ask", args=["case_study", 999999])).status_code == 404
    log_in(world["people"]["official"])
    assert client.get(case["url"]).status_code == 404


def test_asking_publishes_a_question_addressed_to_them_and_tells_their_staff_once(
    client, log_in, world, case
):
    people = world["people"]
    NotificationOptOut.objects.create(user=people["answerer"], kind=KIND)
    kawai_colleague = member(Role.STAFF, world["kawai"])
    log_in(people["asker"])
    form = client.get(case["url"]).content.decode()
    data = {
        "title": "公有財産台帳の共同利用の費用按分",
        "body": "按分の方法を教えてください。",
        "client_token": _token(form),
        "action": "publish",
    }

    first = client.post(case["url"], data)
    again = client.post(case["url"], data)  # a double submit
    run_tasks()

    post = Post.objects.get(title="公有財産台帳の共同利用の費用按分")
    assert first["Location"] == again["Location"] == reverse("knowhow:detail", args=[post.pk])
    assert post.is_question and post.is_published
    assert set(post.addressed_to.all()) == {world["kawai"], case["oji"]}
    assert (post.asked_from_source, post.asked_from_pk) == ("case_study", case["page"].pk)
    # The muted member hears nothing; the author and their colleague are not addressed.
    assert notified() == sorted([kawai_colleague.pk, case["oji_staff"].pk])
    detail = client.get(reverse("knowhow:detail", args=[post.pk])).content.decode()
    assert "王寺町、河合町への質問" in detail
    assert f'<a href="{case["page"].get_url()}">事例「公有財産管理システムの共同利用」から</a>' in detail


def test_a_draft_tells_nobody_until_it_is_published(world, case):
    people = world["people"]
    draft = services.question_ask(
        actor=people["asker"],
        source="case_study",
        pk=case["page"].pk,
        title="下書きの質問",
        body="本文",
        publish=False,
    )
    run_tasks()
    assert notified() == []

    services.post_publish(post_id=draft.pk, actor=people["asker"])
    run_tasks()

    assert notified() == sorted([people["answerer"].pk, case["oji_staff"].pk])


def test_an_advisor_asks_every_municipality_of_the_case_and_is_not_told(world, case):
    people = world["people"]
    post = services.question_ask(
        actor=people["advisor"],
        source="case_study",
        pk=case["page"].pk,
        title="補佐官からの質問",
        body="本文",
    )
    run_tasks()

    assert set(post.addressed_to.all()) == {world["kashiba"], world["kawai"], case["oji"]}
    assert people["advisor"].pk not in notified()
    assert people["asker"].pk in notified()


def test_a_bad_question_keeps_what_was_typed_and_says_what_is_wrong(client, log_in, world, case):
    log_in(world["people"]["asker"])

    response = client.post(
        case["url"], {"title": "", "body": "按分の方法を教えてください。", "action": "publish"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "タイトルを入力してください。" in page and "按分の方法を教えてください。" in page
    assert not Post.objects.filter(body="按分の方法を教えてください。").exists()
