"""The know-how exchange's rules, through its services: who may accept, mark, answer; drafts stay
private; every edit keeps a revision and the version only grows; a double submit makes one post."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from knowhow import policy, services
from knowhow.models import Helpful, Post, PostRevision, SameProblem
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db


def test_the_asker_accepts_an_answer_and_the_question_is_solved(world):
    services.answer_accept(answer_id=world["answer"].pk, actor=world["people"]["asker"])
    question = Post.objects.get(pk=world["question"].pk)
    assert question.accepted_answer == world["answer"] and question.is_solved


def test_an_advisor_may_accept_an_answer_for_the_asker(world):
    services.answer_accept(answer_id=world["answer"].pk, actor=world["people"]["advisor"])
    assert Post.objects.get(pk=world["question"].pk).accepted_answer == world["answer"]


@pytest.mark.parametrize("who", ["colleague", "answerer", "third", "official", "pending"])
def test_nobody_else_accepts_an_answer(world, who):
    with pytest.raises(PermissionDenied):
        services.answer_accept(answer_id=world["answer"].pk, actor=world["people"][who])
    assert Post.objects.get(pk=world["question"].pk).accepted_answer is None


def test_only_questions_take_answers(world):
    tip = ask(world["people"]["asker"], kind="tip")
    with pytest.raises(PermissionDenied):
        services.answer_create(post_id=tip.pk, actor=world["people"]["answerer"], body="回答")


def test_a_later_accepted_answer_replaces_the_first(world):
    second = services.answer_create(
        post_id=world["question"].pk, actor=world["people"]["third"], body="LGWAN-ASPのWeb会議です。"
    )
    services.answer_accept(answer_id=world["answer"].pk, actor=world["people"]["asker"])
    services.answer_accept(answer_id=second.pk, actor=world["people"]["asker"])
    assert Post.objects.get(pk=world["question"].pk).accepted_answer == second


def test_helpful_is_marked_once_per_person(world):
    reader = world["people"]["third"]
    services.helpful_mark(actor=reader, post_id=world["question"].pk)
    with pytest.raises(ValidationError, match="すでに付けています"):
        services.helpful_mark(actor=reader, post_id=world["question"].pk)
    services.helpful_mark(actor=reader, answer_id=world["answer"].pk)
    with pytest.raises(ValidationError):
        services.helpful_mark(actor=reader, answer_id=world["answer"].pk)
    assert Helpful.objects.filter(user=reader).count() == 2


def test_nobody_marks_their_own_post_or_answer_helpful(world):
    with pytest.raises(PermissionDenied):
        services.helpful_mark(actor=world["people"]["asker"], post_id=world["question"].pk)
    with pytest.raises(PermissionDenied):
        services.helpful_mark(actor=world["people"]["answerer"], answer_id=world["answer"].pk)


def test_same_problem_counts_a_municipality_once_whoever_of_its_staff_marks(world):
    from tests.factories import member

    services.same_problem_mark(actor=world["people"]["answerer"], post_id=world["question"].pk)
    colleague_at_kawai = member("staff", world["kawai"])
    with pytest.raises(ValidationError, match="河合町"):
        services.same_problem_mark(actor=colleague_at_kawai, post_id=world["question"].pk)
    services.same_problem_mark(actor=world["people"]["third"], post_id=world["question"].pk)
    assert SameProblem.objects.filter(post=world["question"]).count() == 2


@pytest.mark.parametrize("who", ["asker", "colleague", "advisor", "official"])
def test_same_problem_is_for_staff_of_other_municipalities(world, who):
    with pytest.raises(PermissionDenied):
        services.same_problem_mark(actor=world["people"][who], post_id=world["question"].pk)


def test_officials_read_but_never_post_answer_comment_or_mark(world):
    official = world["people"]["official"]
    assert policy.posts_for(official).filter(pk=world["question"].pk).exists()
    attempts = [
        lambda: services.post_create(actor=official, kind="tip", title="題", body="本文"),
        lambda: services.answer_create(post_id=world["question"].pk, actor=official, body="回答"),
        lambda: services.comment_create(actor=official, post_id=world["question"].pk, body="コメント"),
        lambda: services.helpful_mark(actor=official, post_id=world["question"].pk),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()


def test_pending_members_see_nothing(world):
    assert not policy.posts_for(world["people"]["pending"]).exists()


def test_a_draft_is_its_authors_alone_until_published(world):
    draft = ask(world["people"]["asker"], kind="tip", publish=False)
    assert draft.published_at is None
    for who in ("colleague", "answerer", "advisor", "official"):
        assert not policy.posts_for(world["people"][who]).filter(pk=draft.pk).exists(), who
    assert policy.drafts_for(world["people"]["asker"]).get() == draft
    with pytest.raises(PermissionDenied):
        services.post_publish(post_id=draft.pk, actor=world["people"]["colleague"])
    services.post_publish(post_id=draft.pk, actor=world["people"]["asker"])
    assert policy.posts_for(world["people"]["answerer"]).filter(pk=draft.pk).exists()


def test_an_edit_keeps_what_the_post_said_and_the_version_grows(world):
    question = world["question"]
    before = Post.objects.get(pk=question.pk).version
    services.post_update(
        post_id=question.pk,
        actor=world["people"]["asker"],
        kind="question",
        title="LGWAN接続系の端末でWeb会議に参加する方法",
        body="県との会議に参加したいです。",
        tags=["LGWAN", "Web会議"],
        anonymous=False,
    )
    revision = PostRevision.objects.get(post=question)
    assert (revision.title, revision.body, revision.version) == (
        "LGWAN接続系でWeb会議を使う方法",
        "実際の方法を教えてください。",
        before,
    )
    updated = Post.objects.get(pk=question.pk)
    assert updated.version == before + 1
    assert sorted(updated.tags.names()) == ["LGWAN", "Web会議"]


def test_only_the_author_edits(world):
    with pytest.raises(PermissionDenied):
        services.post_update(
            post_id=world["question"].pk,
            actor=world["people"]["colleague"],
            kind="question",
            title="書き換え",
            body="書き換え",
            anonymous=False,
        )


def test_an_edit_from_a_page_opened_before_another_edit_is_refused(world):
    question = world["question"]
    stale = Post.objects.get(pk=question.pk).version
    services.answer_accept(answer_id=world["answer"].pk, actor=world["people"]["advisor"])
    with pytest.raises(services.StalePost):
        services.post_update(
            post_id=question.pk,
            actor=world["people"]["asker"],
            kind="question",
            title="題",
            body="本文",
            anonymous=False,
            expected_version=stale,
        )
    assert Post.objects.get(pk=question.pk).title == "LGWAN接続系でWeb会議を使う方法"


def test_the_version_grows_on_every_change_and_never_goes_back(world):
    question, people = world["question"], world["people"]

    def version():
        return Post.objects.get(pk=question.pk).version

    seen = [version()]
    services.answer_create(post_id=question.pk, actor=people["third"], body="別の回答")
    seen.append(version())
    services.answer_accept(answer_id=world["answer"].pk, actor=people["asker"])
    seen.append(version())
    services.answer_verify(answer_id=world["answer"].pk, actor=people["advisor"])
    seen.append(version())
    services.post_verify(post_id=question.pk, actor=people["advisor"])
    seen.append(version())
    services.post_mark_obsolete(post_id=question.pk, actor=people["asker"], note="制度が変わったため")
    seen.append(version())
    assert seen == sorted(set(seen)) and len(seen) == 6


def test_obsolete_keeps_the_post_with_its_reason_and_closes_it_to_answers(world):
    services.post_mark_obsolete(
        post_id=world["question"].pk, actor=world["people"]["advisor"], note="通知の廃止"
    )
    post = Post.objects.get(pk=world["question"].pk)
    assert post.obsolete and post.obsolete_note == "通知の廃止" and post.obsoleted_at
    assert policy.posts_for(world["people"]["third"]).filter(pk=post.pk).exists()
    with pytest.raises(PermissionDenied):
        services.answer_create(post_id=post.pk, actor=world["people"]["third"], body="回答")


def test_verify_is_for_advisors_and_dates_the_check(world):
    with pytest.raises(PermissionDenied):
        services.post_verify(post_id=world["question"].pk, actor=world["people"]["answerer"])
    post = services.post_verify(post_id=world["question"].pk, actor=world["people"]["advisor"])
    assert post.verified_by == world["people"]["advisor"] and post.verified_at
    assert post.last_checked_on == timezone.localdate(post.verified_at)


def test_the_same_form_submitted_twice_makes_one_post(world):
    token = uuid.uuid4()
    values = {"actor": world["people"]["third"], "kind": "tip", "title": "二重送信", "body": "本文"}
    first = services.post_create(client_token=token, **values)
    second = services.post_create(client_token=token, **values)
    assert first.pk == second.pk
    assert Post.objects.filter(title="二重送信").count() == 1
    services.post_create(client_token=uuid.uuid4(), **values)
    assert Post.objects.filter(title="二重送信").count() == 2


def test_the_same_answer_form_submitted_twice_makes_one_answer(world):
    token = uuid.uuid4()
    for _ in range(2):
        services.answer_create(
            post_id=world["question"].pk, actor=world["people"]["third"], body="同じ回答", client_token=token
        )
    assert world["question"].answers.filter(body="同じ回答").count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "タイトルを入力してください"),
        ({"title": "改行\nあり"}, "改行や制御文字"),
        ({"title": "長" * 201}, "200文字以内"),
        ({"body": " \n "}, "本文を入力してください"),
        ({"kind": "faq"}, "種類を選んでください"),
        ({"tags": [f"タグ{n}" for n in range(11)]}, "10個まで"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(world, fields, message):
    values = {"actor": world["people"]["third"], "kind": "tip", "title": "題", "body": "本文", **fields}
    with pytest.raises(ValidationError, match=message):
        services.post_create(**values)
    assert not Post.objects.filter(author=world["people"]["third"]).exists()


def test_the_authors_municipality_is_kept_as_it_was_when_posting(world):
    post = ask(world["people"]["third"])
    assert post.municipality.name == "王寺町"
    advisor_post = ask(world["people"]["advisor"], kind="tip")
    assert advisor_post.municipality is None
