"""The weekly digest: opt-in, what the reader follows and may see, never on a closed day, once a week."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from knowhow import services
from knowhow.digest import weekly_digest
from knowhow.models import DigestSent, Post, Tag, WatchLevel
from tests.factories import run_tasks
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db

# Monday 4 January 2027: the first business day after the year-end closure. Its digest covers 28 Dec–3 Jan.
MONDAY = datetime.date(2027, 1, 4)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def published_on(post: Post, day: datetime.date) -> Post:
    Post.objects.filter(pk=post.pk).update(published_at=at(day))
    return post


def run_digest(day: datetime.date) -> list:
    mail.outbox.clear()
    call_command("knowhow_digest", date=day.isoformat(), stdout=io.StringIO())
    run_tasks()
    return digests()


def digests() -> list:
    """The digest mails in the outbox (notices of the world's posts are mails too)."""
    return [message for message in mail.outbox if "/knowhow/following/" in message.body]


@pytest.fixture
def reader(world):
    """Staff of 王寺町 who follows the LGWAN tag and asked for the digest; the world's mail is sent."""
    reader = world["people"]["third"]
    services.watch_set(actor=reader, level=WatchLevel.WATCHING, tag_id=Tag.objects.get(name="LGWAN").pk)
    services.digest_subscription_set(actor=reader, subscribed=True)
    run_tasks()
    return reader


def test_the_digest_lists_new_and_solved_posts_the_reader_follows_and_may_see_with_links(world, reader):
    people = world["people"]
    followed = published_on(
        ask(people["asker"], title="LGWANの新しいティップス", kind="tip", tags=["LGWAN"]),
        MONDAY - datetime.timedelta(days=5),
    )
    published_on(
        ask(people["asker"], title="別分野の投稿", tags=["住民記録"]), MONDAY - datetime.timedelta(days=5)
    )
    published_on(ask(reader, title="自分のLGWAN投稿", tags=["LGWAN"]), MONDAY - datetime.timedelta(days=5))
    ask(people["asker"], title="他人のLGWAN下書き", tags=["LGWAN"], publish=False)
    muted = published_on(
        ask(people["answerer"], title="ミュートしたLGWAN投稿", tags=["LGWAN"]),
        MONDAY - datetime.timedelta(days=2),
    )
    services.watch_set(actor=reader, level=WatchLevel.MUTED, post_id=muted.pk)
    published_on(
        ask(people["asker"], title="先々週のLGWAN投稿", tags=["LGWAN"]), MONDAY - datetime.timedelta(days=9)
    )
    question = published_on(world["question"], MONDAY - datetime.timedelta(days=30))
    services.answer_accept(answer_id=world["answer"].pk, actor=people["asker"])
    Post.objects.filter(pk=question.pk).update(accepted_at=at(MONDAY - datetime.timedelta(days=1)))

    [digest] = run_digest(MONDAY)

    assert digest.to == [reader.email]
    assert digest.subject == "[窓口] ノウハウ共有 週間ダイジェスト（2件）"
    body = digest.body
    assert "LGWANの新しいティップス" in body and f"/knowhow/{followed.pk}/" in body
    assert "解決した質問" in body and question.title in body and f"/knowhow/{question.pk}/" in body
    for absent in ["別分野の投稿", "自分のLGWAN投稿", "他人のLGWAN下書き", "ミュートしたLGWAN投稿", "先々週"]:
        assert absent not in body
    assert "/knowhow/following/" in body


def test_a_post_the_reader_may_no_longer_see_is_left_out(world, reader):
    post = published_on(
        ask(world["people"]["asker"], title="取り下げた投稿", tags=["LGWAN"]),
        MONDAY - datetime.timedelta(days=3),
    )
    Post.objects.filter(pk=post.pk).update(state="draft")
    assert run_digest(MONDAY) == []
    assert DigestSent.objects.get(user=reader).items == 0


def test_nothing_is_sent_during_the_year_end_closure_and_the_next_business_day_sends(world, reader):
    published_on(
        ask(world["people"]["asker"], title="年末のLGWAN投稿", tags=["LGWAN"]), datetime.date(2026, 12, 28)
    )
    assert run_digest(datetime.date(2026, 12, 29)) == []
    assert run_digest(datetime.date(2027, 1, 1)) == []
    [digest] = run_digest(datetime.date(2027, 1, 4))
    assert "年末のLGWAN投稿" in digest.body


def test_a_monday_holiday_moves_the_digest_to_tuesday(world, reader):
    # 11 January 2027 is 成人の日.
    published_on(
        ask(world["people"]["asker"], title="成人の日の週の投稿", tags=["LGWAN"]), datetime.date(2027, 1, 8)
    )
    assert run_digest(datetime.date(2027, 1, 11)) == []
    [digest] = run_digest(datetime.date(2027, 1, 12))
    assert "成人の日の週の投稿" in digest.body


def test_a_delayed_digest_picks_up_where_the_last_one_stopped(world, reader):
    asker = world["people"]["asker"]
    published_on(ask(asker, title="先週の月曜の投稿", tags=["LGWAN"]), datetime.date(2027, 1, 4))
    assert run_digest(datetime.date(2027, 1, 4)) == []  # it was posted on the digest day: next week's
    [digest] = run_digest(datetime.date(2027, 1, 12))
    assert "先週の月曜の投稿" in digest.body


def test_only_those_who_opted_in_get_a_digest(world, reader):
    people = world["people"]
    services.watch_set(
        actor=people["answerer"], level=WatchLevel.WATCHING, tag_id=Tag.objects.get(name="LGWAN").pk
    )
    published_on(
        ask(people["asker"], title="LGWANの投稿", tags=["LGWAN"]), MONDAY - datetime.timedelta(days=1)
    )
    assert [message.to for message in run_digest(MONDAY)] == [[reader.email]]
    services.digest_subscription_set(actor=reader, subscribed=False)
    assert run_digest(MONDAY + datetime.timedelta(days=7)) == []


def test_one_digest_a_week_however_often_it_runs_or_is_retried(world, reader):
    published_on(
        ask(world["people"]["asker"], title="LGWANの投稿", tags=["LGWAN"]),
        MONDAY - datetime.timedelta(days=1),
    )
    assert len(run_digest(MONDAY)) == 1
    assert run_digest(MONDAY) == []
    assert run_digest(MONDAY + datetime.timedelta(days=1)) == []
    weekly_digest.call(day=MONDAY.isoformat())
    assert digests() == []
    assert DigestSent.objects.filter(user=reader).count() == 1


def test_a_week_with_nothing_new_sends_no_mail(world, reader):
    assert run_digest(MONDAY) == []


def test_the_digest_is_written_in_the_readers_language(world, reader):
    reader.language = "en"
    reader.save(update_fields=["language"])
    published_on(
        ask(world["people"]["asker"], title="LGWANの投稿", tags=["LGWAN"]),
        MONDAY - datetime.timedelta(days=1),
    )
    [digest] = run_digest(MONDAY)
    assert digest.subject == "[窓口] Know-how exchange: weekly digest (1 item)"
    assert "New posts" in digest.body


def test_the_command_refuses_a_date_it_cannot_read():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("knowhow_digest", date="2027/01/04")
