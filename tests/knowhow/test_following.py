"""Watch levels on posts, tags and system areas, how they combine, and who is notified of what."""

import pytest
from django.core import mail

from knowhow import following, services
from knowhow.models import Tag, Watch, WatchLevel
from knowhow.notifications import ACCEPTED, ANSWER, COMMENT, NEW_POST, notify
from portal.models import Notification, NotificationOptOut
from tests.factories import run_tasks
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db

W, T, N, M = WatchLevel.WATCHING, WatchLevel.TRACKING, WatchLevel.NORMAL, WatchLevel.MUTED


@pytest.mark.parametrize(
    ("on_post", "on_topics", "participant", "expected"),
    [
        (None, [], False, N),  # nothing set: 通常
        (None, [], True, T),  # the author (or an answerer) 追跡s by default
        (N, [], True, T),  # 通常 on one's own post: still the answers to it
        (M, [], True, M),  # ミュート on one's own post: nothing, even there
        (None, [W], False, W),  # a watched tag or area
        (None, [T], False, T),
        (None, [M], False, M),
        (None, [M, W], False, W),  # the strongest of several tags and areas
        (None, [T, W, N], False, W),
        (None, [M, N], False, N),
        (None, [M], True, T),  # a muted tag does not silence one's own post
        (None, [W], True, W),
        (N, [W], False, N),  # the post is more specific than its tags
        (T, [W], False, T),
        (W, [M], False, W),
        (M, [W], False, M),  # ミュート on the post always wins
        (M, [W, T], True, M),
    ],
)
def test_effective_level_resolution(on_post, on_topics, participant, expected):
    assert (
        following.effective_level(on_post=on_post, on_topics=on_topics, participant=participant) == expected
    )


def _notified(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def _settled():
    """The world's own posts and answers have been notified: what a test counts next is its own."""
    run_tasks()
    Notification.objects.all().delete()
    mail.outbox.clear()


def _watch(user, level, **target):
    return services.watch_set(actor=user, level=level, **target)


@pytest.fixture
def lgwan(world):
    return Tag.objects.get(name="LGWAN")


def test_a_new_post_in_a_watched_tag_reaches_watchers_only_not_trackers_nor_the_author(world, lgwan):
    people = world["people"]
    _watch(people["third"], W, tag_id=lgwan.pk)
    _watch(people["answerer"], T, tag_id=lgwan.pk)
    _watch(people["advisor"], W, system_area_id=world["area"].pk)
    _settled()
    ask(people["asker"], title="LGWANの新しい質問", tags=["LGWAN"])
    ask(people["asker"], title="別の分野の質問", tags=["住民記録"])
    run_tasks()
    assert _notified(NEW_POST) == {people["third"].pk}
    assert [m.to for m in mail.outbox] == [[people["third"].email]]
    assert "LGWANの新しい質問" in mail.outbox[0].subject


def test_a_new_post_in_a_watched_system_area_reaches_its_watchers(world):
    people = world["people"]
    _settled()
    _watch(people["third"], W, system_area_id=world["area"].pk)
    ask(people["asker"], title="分野の質問", system_areas=[world["area"]])
    run_tasks()
    assert _notified(NEW_POST) == {people["third"].pk}


def test_a_draft_notifies_nobody_until_it_is_published(world, lgwan):
    people = world["people"]
    _settled()
    _watch(people["third"], W, tag_id=lgwan.pk)
    draft = ask(people["asker"], title="下書き", tags=["LGWAN"], publish=False)
    run_tasks()
    assert _notified(NEW_POST) == set()
    services.post_publish(post_id=draft.pk, actor=people["asker"])
    run_tasks()
    assert _notified(NEW_POST) == {people["third"].pk}


def test_an_answer_reaches_the_asker_trackers_and_watchers_but_not_normal_muted_or_the_actor(world, lgwan):
    people = world["people"]
    question = world["question"]
    _watch(people["third"], T, post_id=question.pk)
    _watch(people["advisor"], W, tag_id=lgwan.pk)
    _watch(people["colleague"], N, post_id=question.pk)
    _watch(people["official"], M, tag_id=lgwan.pk)
    _settled()
    services.answer_create(post_id=question.pk, actor=people["third"], body="うちはこうしています。")
    run_tasks()
    # The first answerer 追跡s the question they answered; the one answering now is not told of it.
    assert _notified(ANSWER) == {people["asker"].pk, people["advisor"].pk, people["answerer"].pk}


def test_the_asker_who_mutes_their_own_question_hears_nothing_of_it(world):
    people = world["people"]
    _watch(people["asker"], M, post_id=world["question"].pk)
    services.answer_create(post_id=world["question"].pk, actor=people["third"], body="回答です。")
    run_tasks()
    assert people["asker"].pk not in _notified(ANSWER)


def test_accepting_an_answer_reaches_the_answerer_and_trackers_but_not_the_asker_who_accepted(world):
    people = world["people"]
    _watch(people["third"], T, post_id=world["question"].pk)
    services.answer_accept(answer_id=world["answer"].pk, actor=people["asker"])
    run_tasks()
    assert _notified(ACCEPTED) == {people["answerer"].pk, people["third"].pk}
    assert Notification.objects.get(kind=ACCEPTED, recipient=people["answerer"]).url.endswith(
        f"/knowhow/{world['question'].pk}/#answer-{world['answer'].pk}"
    )


def test_a_comment_reaches_the_participants_and_trackers(world):
    people = world["people"]
    services.comment_create(actor=people["third"], post_id=world["question"].pk, body="補足です。")
    run_tasks()
    assert _notified(COMMENT) == {people["asker"].pk, people["answerer"].pk}


def test_a_reader_who_may_no_longer_see_the_post_is_not_notified_and_no_longer_sees_old_notices(
    world, client, log_in
):
    """A post its author took back to draft (as moderation will hide one) drops out of watchers'
    notices: no new ones, and the ones already stored are no longer listed."""
    people = world["people"]
    question = world["question"]
    _watch(people["third"], W, post_id=question.pk)
    services.comment_create(actor=people["asker"], post_id=question.pk, body="補足です。")
    run_tasks()
    assert _notified(COMMENT) == {people["third"].pk, people["answerer"].pk}
    type(question).objects.filter(pk=question.pk).update(state="draft")
    notify.call(kind=COMMENT, key="knowhow-comment:again", post_id=question.pk, actor_id=people["asker"].pk)
    assert not Notification.objects.filter(key="knowhow-comment:again").exists()
    page = log_in(people["third"]).get("/notifications/")
    assert "補足" not in page.content.decode() and question.title not in page.content.decode()


def test_a_pending_member_watching_a_tag_hears_nothing(world, lgwan):
    people = world["people"]
    Watch.objects.create(user=people["pending"], tag=lgwan, level=W)
    ask(people["asker"], title="LGWANの質問", tags=["LGWAN"])
    run_tasks()
    assert _notified(NEW_POST) == set()


def test_someone_who_turned_the_kind_off_gets_no_notice(world):
    people = world["people"]
    NotificationOptOut.objects.create(user=people["asker"], kind=ANSWER)
    services.answer_create(post_id=world["question"].pk, actor=people["third"], body="回答です。")
    run_tasks()
    assert people["asker"].pk not in _notified(ANSWER)


def test_a_repeated_task_notifies_once(world):
    people = world["people"]
    answer = services.answer_create(post_id=world["question"].pk, actor=people["third"], body="回答です。")
    run_tasks()
    mailed = len(mail.outbox)
    notify.call(
        kind=ANSWER,
        key=f"knowhow-answer:{answer.pk}",
        post_id=world["question"].pk,
        actor_id=people["third"].pk,
    )
    assert (
        Notification.objects.filter(key=f"knowhow-answer:{answer.pk}", recipient=people["asker"]).count() == 1
    )
    assert len(mail.outbox) == mailed


def test_a_post_that_fails_to_save_enqueues_no_notice(world, lgwan):
    people = world["people"]
    _settled()
    _watch(people["third"], W, tag_id=lgwan.pk)
    with pytest.raises(services.KnowhowError):
        ask(people["asker"], title="", tags=["LGWAN"])
    assert run_tasks() == 0


def test_one_row_per_person_and_target_and_stopping_removes_it(world, lgwan):
    third = world["people"]["third"]
    _watch(third, W, tag_id=lgwan.pk)
    _watch(third, M, tag_id=lgwan.pk)
    assert list(Watch.objects.filter(user=third).values_list("level", flat=True)) == [M]
    services.watch_stop(actor=third, tag_id=lgwan.pk)
    assert not Watch.objects.filter(user=third).exists()


def test_nobody_may_watch_a_post_they_may_not_see(world):
    people = world["people"]
    draft = ask(people["asker"], title="下書き", publish=False)
    with pytest.raises(type(draft).DoesNotExist):
        _watch(people["third"], W, post_id=draft.pk)


def test_an_unknown_level_is_refused_in_japanese(world, lgwan):
    with pytest.raises(services.KnowhowError, match="通知のレベルを選んでください"):
        _watch(world["people"]["third"], "loud", tag_id=lgwan.pk)


# --- The pages ------------------------------------------------------------------------------------


def test_the_list_filtered_by_a_tag_offers_to_watch_it_and_choosing_watching_comes_back_there(
    world, lgwan, log_in
):
    third = world["people"]["third"]
    client = log_in(third)
    page = client.get("/knowhow/?tag=LGWAN").content.decode()
    assert "このタグをウォッチ（#LGWAN）" in page
    response = client.post(
        f"/knowhow/tags/{lgwan.pk}/watch/", {"level": "watching", "next": "/knowhow/?tag=LGWAN"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/knowhow/?tag=LGWAN"
    assert "通知のレベルを「ウォッチ」にしました。" in response.content.decode()
    assert Watch.objects.get(user=third, tag=lgwan).level == W


def test_the_list_filtered_by_a_system_area_offers_to_watch_it(world, log_in):
    page = log_in(world["people"]["third"]).get(f"/knowhow/?system_area={world['area'].pk}").content.decode()
    assert "この分野をウォッチ（ネットワーク・LGWAN）" in page


def test_the_unfiltered_list_offers_no_topic_to_watch(world, log_in):
    assert "をウォッチ（" not in log_in(world["people"]["third"]).get("/knowhow/").content.decode()


def test_the_post_page_shows_the_authors_default_level_and_muting_it_is_kept(world, log_in):
    asker = world["people"]["asker"]
    question = world["question"]
    client = log_in(asker)
    page = client.get(f"/knowhow/{question.pk}/").content.decode()
    assert "この投稿の通知" in page and "現在：追跡。" in page
    client.post(f"/knowhow/{question.pk}/watch/", {"level": "muted"})
    assert "現在：ミュート。" in client.get(f"/knowhow/{question.pk}/").content.decode()


def test_an_unknown_level_is_refused_with_a_message_and_nothing_saved(world, lgwan, log_in):
    client = log_in(world["people"]["third"])
    response = client.post(f"/knowhow/tags/{lgwan.pk}/watch/", {"level": "loud"}, follow=True)
    assert "通知のレベルを選んでください。" in response.content.decode()
    assert not Watch.objects.exists()


def test_an_outside_next_is_not_followed(world, lgwan, log_in):
    response = log_in(world["people"]["third"]).post(
        f"/knowhow/tags/{lgwan.pk}/watch/", {"level": "watching", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/knowhow/?tag=LGWAN"


def test_the_following_page_lists_what_i_follow_and_lets_me_change_or_stop_it(world, lgwan, log_in):
    third = world["people"]["third"]
    _watch(third, W, tag_id=lgwan.pk)
    _watch(third, T, system_area_id=world["area"].pk)
    _watch(third, M, post_id=world["question"].pk)
    client = log_in(third)
    page = client.get("/knowhow/following/").content.decode()
    assert "このタグをウォッチ（#LGWAN）" in page
    assert "この分野をウォッチ（ネットワーク・LGWAN）" in page
    assert world["question"].title in page
    client.post(f"/knowhow/tags/{lgwan.pk}/watch/", {"action": "stop", "next": "/knowhow/following/"})
    page = client.get("/knowhow/following/").content.decode()
    assert "フォローしているタグはありません。" in page


def test_a_watched_post_i_may_no_longer_open_is_not_listed(world, log_in):
    people = world["people"]
    draft = ask(people["asker"], title="あとで下書きに戻した投稿")
    _watch(people["third"], W, post_id=draft.pk)
    type(draft).objects.filter(pk=draft.pk).update(state="draft")
    assert (
        "あとで下書きに戻した投稿" not in log_in(people["third"]).get("/knowhow/following/").content.decode()
    )


def test_the_digest_is_opt_in_on_the_following_page(world, log_in):
    from knowhow.models import DigestSubscription

    third = world["people"]["third"]
    client = log_in(third)
    assert 'id="digest-subscribed" checked' not in client.get("/knowhow/following/").content.decode()
    response = client.post("/knowhow/following/digest/", {"subscribed": "on"}, follow=True)
    assert "週間ダイジェストを受け取る設定にしました。" in response.content.decode()
    assert DigestSubscription.objects.filter(user=third).exists()
    client.post("/knowhow/following/digest/", {})
    assert not DigestSubscription.objects.filter(user=third).exists()
