"""/knowhow/shared-problems/: questions and system areas that 3 or more municipalities share in the last
12 months, ranked by how many, then how recent; anonymous askers counted but named only to advisors;
advisors invite the municipalities to consult together, officials read."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from knowhow import services, shared_problems
from knowhow.models import JointInvitation, Post, SameProblem
from portal.models import Notification, NotificationOptOut, Role
from tests.factories import MunicipalityFactory, consultation, member, run_tasks
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db

URL = "/knowhow/shared-problems/"
LONG_AGO = datetime.timedelta(days=400)


@pytest.fixture
def more(world):
    """A fourth and a fifth municipality, with one member of staff each."""
    koryo = MunicipalityFactory(name="広陵町", kana="こうりょうちょう")
    ando = MunicipalityFactory(name="安堵町", kana="あんどちょう")
    return {"koryo": member(Role.STAFF, koryo), "ando": member(Role.STAFF, ando)}


def same(post, *people):
    for person in people:
        services.same_problem_mark(actor=person, post_id=post.pk)


def names(row) -> list[str]:
    return [m.name for m in row.municipalities]


def rows(kind="questions"):
    found = shared_problems.rankings_for(member(Role.ADVISOR))[kind]
    return [(row.question or row.system_area) for row in found]


def test_a_question_is_shared_from_three_municipalities_the_asker_included(world):
    question, people = world["question"], world["people"]
    same(question, people["answerer"])
    assert rows() == []

    same(question, people["third"])

    [row] = shared_problems.shared_questions(since=shared_problems.period_start())
    assert row.question == question
    assert names(row) == ["王寺町", "香芝市", "河合町"]  # 五十音順: おうじ, かしば, かわい


def test_only_the_last_twelve_months_count(world, more):
    question, people = world["question"], world["people"]
    same(question, people["answerer"], people["third"])
    SameProblem.objects.filter(post=question, municipality=world["kawai"]).update(
        created_at=timezone.now() - LONG_AGO
    )
    assert rows() == []

    # Asked long ago, but three municipalities said 「うちも同じ」 lately: shared, without the asker.
    Post.objects.filter(pk=question.pk).update(published_at=timezone.now() - LONG_AGO)
    SameProblem.objects.filter(post=question).update(created_at=timezone.now())
    same(question, more["koryo"])
    [row] = shared_problems.shared_questions(since=shared_problems.period_start())
    assert names(row) == ["王寺町", "河合町", "広陵町"]


def test_questions_rank_by_municipalities_then_by_the_latest_activity(world, more):
    people = world["people"]
    older = world["question"]
    same(older, people["answerer"], people["third"])
    newer = ask(people["answerer"], title="図書館システムの共同調達")
    same(newer, people["asker"], people["third"])
    most = ask(more["ando"], title="戸籍の文字同定")
    SameProblem.objects.filter(post=older).update(created_at=timezone.now() - datetime.timedelta(days=30))
    assert rows() == [newer, older]

    same(most, people["asker"], people["answerer"], more["koryo"])

    assert rows() == [most, newer, older]


def test_a_draft_or_an_obsolete_question_is_not_a_shared_problem(world):
    people, question = world["people"], world["question"]
    same(question, people["answerer"], people["third"])
    services.post_mark_obsolete(post_id=question.pk, actor=people["advisor"])

    assert rows() == []


def test_an_area_counts_distinct_municipalities_from_the_desk_and_the_exchange(world, more):
    people, area = world["people"], world["area"]
    # 香芝市 asked in the area (the world's question) and files about it too: still one municipality.
    consultation(people["asker"], system_areas=[area])
    same(world["question"], people["answerer"])
    assert rows("areas") == []

    old = consultation(more["koryo"], system_areas=[area])
    old.__class__.objects.filter(pk=old.pk).update(created_at=timezone.now() - LONG_AGO)
    assert rows("areas") == []

    consultation(more["ando"], system_areas=[area])

    [row] = shared_problems.shared_areas(since=shared_problems.period_start())
    assert row.system_area == area
    assert names(row) == ["安堵町", "香芝市", "河合町"]


def test_the_desk_lends_no_title_to_the_page(client, log_in, world, more):
    people, area = world["people"], world["area"]
    for person in (more["koryo"], more["ando"], people["third"]):
        consultation(person, title="秘密の相談の件名", system_areas=[area])
    log_in(people["official"])

    page = client.get(URL).content.decode()

    assert str(area) in page
    assert "秘密の相談の件名" not in page


def test_an_anonymous_asker_is_counted_but_named_to_advisors_only(client, log_in, world, more):
    people, area = world["people"], world["area"]
    question = ask(more["ando"], title="匿名で聞いた課題", anonymous=True, system_areas=[area])
    same(question, people["answerer"], people["third"])

    log_in(people["official"])
    page = client.get(URL).content.decode()
    questions, areas = page.split("shared-areas-caption", 1)
    assert "匿名で聞いた課題" in questions
    assert "安堵町" not in page
    assert "ほか匿名 1 団体" in questions and "ほか匿名 1 団体" in areas

    log_in(people["advisor"])
    page = client.get(URL).content.decode()
    assert "安堵町" in page and "ほか匿名" not in page


def test_staff_do_not_find_the_page_officials_read_it_and_only_advisors_invite(client, log_in, world):
    people = world["people"]
    same(world["question"], people["answerer"], people["third"])
    invite = reverse("knowhow:invite_question", args=[world["question"].pk])

    log_in(people["asker"])
    assert client.get(URL).status_code == 404
    assert "shared-problems" not in client.get("/knowhow/").content.decode()

    log_in(people["official"])
    page = client.get(URL).content.decode()
    assert "LGWAN接続系でWeb会議を使う方法" in page and invite not in page
    assert client.get(invite).status_code == 404
    assert URL in client.get("/knowhow/").content.decode()

    log_in(people["advisor"])
    assert invite in client.get(URL).content.decode()


def _token(page: str) -> str:
    return re.search(r'name="client_token" value="([0-9a-f-]+)"', page).group(1)


def test_an_advisor_invites_the_municipalities_once_and_their_staff_get_the_prefilled_form(
    client, log_in, world
):
    people, question = world["people"], world["question"]
    same(question, people["answerer"], people["third"])
    muted = member(Role.STAFF, world["kawai"])
    NotificationOptOut.objects.create(user=muted, kind="knowhow_joint_invitation")
    log_in(people["advisor"])
    invite = reverse("knowhow:invite_question", args=[question.pk])

    confirmation = client.get(invite).content.decode()
    assert "香芝市、王寺町、河合町" not in confirmation  # 五十音順
    assert "王寺町、香芝市、河合町" in confirmation
    assert JointInvitation.objects.count() == 0
    data = {"client_token": _token(confirmation), "starter": "consultations.joint_consultation"}
    assert client.post(invite, data).status_code == 302
    assert client.post(invite, data).status_code == 302  # pressed twice
    run_tasks()

    invitation = JointInvitation.objects.get()
    assert invitation.invited_by == people["advisor"] and invitation.question == question
    notices = Notification.objects.filter(kind="knowhow_joint_invitation")
    assert sorted(n.recipient_id for n in notices) == sorted(
        p.pk for p in (people["asker"], people["colleague"], people["answerer"], people["third"])
    )
    link = notices.first().url
    assert link.startswith(reverse("consultations:new"))
    log_in(people["answerer"])
    form = client.get(link).content.decode()
    assert re.search(rf'name="joint_municipalities" value="{world["kashiba"].pk}"[^>]* checked', form)
    assert re.search(rf'name="system_areas" value="{world["area"].pk}"[^>]* checked', form)
    log_in(people["advisor"])
    assert "呼びかけ済み" in client.get(URL).content.decode()


def test_an_invitation_leaves_an_anonymous_asker_out_of_the_partners_but_tells_them(world, more):
    people = world["people"]
    question = ask(more["ando"], title="匿名で聞いた課題", anonymous=True)
    same(question, people["answerer"], people["third"])

    invitation = services.joint_invitation_create(
        actor=people["advisor"], starter="consultations.joint_consultation", question_id=question.pk
    )
    run_tasks()

    ando = more["ando"].current_membership.municipality
    assert f"{ando.pk}" not in invitation.url.split("partners=", 1)[1].split("&", 1)[0].split("%2C")
    assert Notification.objects.filter(kind="knowhow_joint_invitation", recipient=more["ando"]).exists()


def test_a_problem_no_longer_shared_cannot_be_invited_to(client, log_in, world):
    people = world["people"]
    log_in(people["advisor"])
    assert client.get(reverse("knowhow:invite_question", args=[world["question"].pk])).status_code == 404
    with pytest.raises(services.KnowhowError):
        services.joint_invitation_create(
            actor=people["advisor"],
            starter="consultations.joint_consultation",
            question_id=world["question"].pk,
        )
