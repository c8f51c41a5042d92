"""@mentions: writing @ and a member's e-mail address in a post, an answer or a comment tells them, once,
if they may open the post and have not muted it."""

import pytest

from knowhow import mentions, services
from knowhow.models import WatchLevel
from knowhow.notifications import ANSWER, COMMENT, MENTION, NEW_POST
from portal.models import Notification, NotificationOptOut
from tests.factories import run_tasks
from tests.knowhow.conftest import ask
from tests.knowhow.test_following import _notified, _settled

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@kawai.staff@example.jp さん、教えてください", ["kawai.staff@example.jp"]),
        ("全角の＠Kawai.Staff@Example.JP でも", ["kawai.staff@example.jp"]),
        ("（@a@example.jp、@b@example.jp）", ["a@example.jp", "b@example.jp"]),
        ("文末の@a@example.jp。", ["a@example.jp"]),
        ("メールは a@example.jp へ（@なし）", []),
        ("x@a@example.jp は名前の途中", []),
        ("@a@example.jp と @A@example.jp は同じ人", ["a@example.jp"]),
    ],
)
def test_mentioned_addresses_are_read_from_the_text(text, expected):
    assert mentions.addresses(text) == expected


def test_only_the_first_twenty_mentions_of_a_text_count():
    text = " ".join(f"@p{n}@example.jp" for n in range(30))
    assert mentions.addresses(text) == [f"p{n}@example.jp" for n in range(20)]


def test_an_answer_mentioning_a_member_tells_them_once_with_a_mention_not_an_answer_notice(world):
    people = world["people"]
    _settled()
    services.answer_create(
        post_id=world["question"].pk,
        actor=people["third"],
        body=f"@{people['colleague'].email} さんと @{people['asker'].email} さんへ。",
    )
    run_tasks()
    assert _notified(MENTION) == {people["colleague"].pk, people["asker"].pk}
    # The asker would have heard of the answer anyway: one notice, the mention, not two.
    assert _notified(ANSWER) == {people["answerer"].pk}
    notice = Notification.objects.get(kind=MENTION, recipient=people["colleague"])
    assert notice.url.endswith(f"#answer-{world['question'].answers.last().pk}")


def test_a_published_post_mentioning_a_member_tells_them_and_a_draft_does_not_yet(world):
    people = world["people"]
    _settled()
    body = f"@{people['answerer'].email} 見てください"
    draft = ask(people["asker"], title="下書き", body=body, publish=False)
    run_tasks()
    assert _notified(MENTION) == set()
    services.post_publish(post_id=draft.pk, actor=people["asker"])
    run_tasks()
    assert _notified(MENTION) == {people["answerer"].pk}
    assert _notified(NEW_POST) == set()


def test_a_comment_mentioning_an_advisor_tells_them(world):
    people = world["people"]
    _settled()
    services.comment_create(
        actor=people["answerer"], post_id=world["question"].pk, body=f"@{people['advisor'].email} ご確認を"
    )
    run_tasks()
    assert _notified(MENTION) == {people["advisor"].pk}
    assert people["advisor"].pk not in _notified(COMMENT)


def test_nobody_is_told_of_a_mention_they_may_not_open_muted_or_wrote_themself(world):
    people = world["people"]
    services.watch_set(actor=people["colleague"], level=WatchLevel.MUTED, post_id=world["question"].pk)
    _settled()
    services.answer_create(
        post_id=world["question"].pk,
        actor=people["third"],
        body=(
            f"@{people['colleague'].email} @{people['pending'].email} @{people['third'].email} "
            "@nobody@example.jp"
        ),
    )
    run_tasks()
    assert _notified(MENTION) == set()


def test_someone_who_turned_mentions_off_still_hears_of_the_answer_to_their_question(world):
    people = world["people"]
    NotificationOptOut.objects.create(user=people["asker"], kind=MENTION)
    _settled()
    services.answer_create(
        post_id=world["question"].pk, actor=people["third"], body=f"@{people['asker'].email} どうぞ"
    )
    run_tasks()
    assert people["asker"].pk in _notified(ANSWER)
    assert _notified(MENTION) == set()
