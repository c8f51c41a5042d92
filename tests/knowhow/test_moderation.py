"""Moderation: readers flag a post once each; three organisations' flags hide it from everyone but its
author and the advisors; advisors review a queue and every decision is logged and told to the author."""

import pytest
from django.core.exceptions import PermissionDenied

from knowhow import moderation
from knowhow.models import Flag, ModerationAction, ModerationKind, PostState
from knowhow.services import KnowhowError
from portal.models import Notification, Role
from tests.factories import MunicipalityFactory, member, run_tasks
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db


def flag(user, post, reason="personal_data", note=""):
    return moderation.flag_create(actor=user, post_id=post.pk, reason=reason, note=note)


def hide(world, post):
    people = world["people"]
    for who in ("answerer", "third", "advisor"):
        flag(people[who], post)
    post.refresh_from_db()
    return post


def test_a_person_flags_a_post_once(world):
    reader = world["people"]["answerer"]
    flag(reader, world["question"])
    with pytest.raises(KnowhowError, match="すでに通報"):
        flag(reader, world["question"], reason="inaccurate")
    assert Flag.objects.filter(post=world["question"]).count() == 1


def test_the_author_may_not_flag_their_own_post(world):
    with pytest.raises(PermissionDenied):
        flag(world["people"]["asker"], world["question"])


def test_an_unknown_reason_is_refused(world):
    with pytest.raises(KnowhowError, match="理由を選んで"):
        flag(world["people"]["answerer"], world["question"], reason="boring")


def test_three_organisations_hide_a_post_and_the_author_is_told(world):
    post = hide(world, world["question"])
    assert post.state == PostState.HIDDEN
    assert ModerationAction.objects.get(post=post).kind == ModerationKind.HIDDEN_BY_FLAGS
    run_tasks()
    notice = Notification.objects.get(recipient=world["people"]["asker"], kind="knowhow_post_hidden")
    assert "非公開" in notice.message and post.title in notice.message


def test_three_flags_from_one_municipality_do_not_hide_a_post(world):
    kawai = world["kawai"]
    for _ in range(3):
        flag(member(Role.STAFF, kawai), world["question"])
    world["question"].refresh_from_db()
    assert world["question"].state == PostState.PUBLISHED


def test_the_prefectures_side_counts_as_one_organisation(world):
    """Advisors and officials have no municipality: together they are one voice, not several."""
    for who in (world["people"]["advisor"], member(Role.ADVISOR), world["people"]["official"]):
        flag(who, world["question"])
    world["question"].refresh_from_db()
    assert world["question"].state == PostState.PUBLISHED


def test_a_hidden_post_answers_404_to_others_and_opens_for_its_author_and_advisors(client, log_in, world):
    post = hide(world, world["question"])
    people = world["people"]
    for who in ("answerer", "colleague", "official"):
        log_in(people[who])
        assert client.get(f"/knowhow/{post.pk}/").status_code == 404, who
        assert post.title not in client.get("/knowhow/").content.decode(), who
    for who in ("asker", "advisor"):
        log_in(people[who])
        page = client.get(f"/knowhow/{post.pk}/")
        assert page.status_code == 200, who
        assert "この投稿は非公開です。" in page.content.decode(), who


def test_the_queue_is_for_advisors_only(client, log_in, world):
    people = world["people"]
    for who, status in (("asker", 404), ("official", 404), ("advisor", 200)):
        log_in(people[who])
        assert client.get("/knowhow/moderation/").status_code == status, who


def test_the_queue_lists_flagged_posts_with_their_reasons_and_first_posts(client, log_in, world):
    people = world["people"]
    second = ask(people["asker"], title="二つ目の質問：住民記録システムの移行")
    flag(people["answerer"], second, reason="duplicate", note="No. 1 と同じ内容です。")
    newcomer = ask(people["third"], title="王寺町からの初めての質問")
    log_in(people["advisor"])
    page = client.get("/knowhow/moderation/").content.decode()
    assert second.title in page and "重複" in page and "No. 1 と同じ内容です。" in page
    assert newcomer.title in page and "初めての投稿" in page


def test_a_reviewed_first_post_leaves_the_queue(world):
    advisor = world["people"]["advisor"]
    moderation.moderation_decide(actor=advisor, post_id=world["question"].pk, decision="cleared")
    assert world["question"] not in moderation.queue(advisor)


def test_cleared_restores_the_post_closes_the_flags_and_is_logged(client, log_in, world):
    post = hide(world, world["question"])
    advisor = world["people"]["advisor"]
    log_in(advisor)
    response = client.post(
        f"/knowhow/{post.pk}/moderate/",
        {"moderation-decision": "cleared", "moderation-reason": "個人情報は含まれていません。"},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED
    assert not Flag.objects.filter(post=post, closed_by__isnull=True).exists()
    entry = ModerationAction.objects.get(post=post, kind=ModerationKind.CLEARED)
    assert entry.actor == advisor and entry.reason == "個人情報は含まれていません。"
    page = client.get(f"/knowhow/{post.pk}/").content.decode()
    assert "モデレーションの記録" in page and "個人情報は含まれていません。" in page
    run_tasks()
    assert "再び公開" in Notification.objects.filter(recipient=post.author).latest("pk").message
    # Once cleared, a reader may flag it again (the post may have changed).
    flag(world["people"]["answerer"], post)


def test_keeping_a_post_hidden_needs_a_reason_and_keeps_what_was_typed(client, log_in, world):
    post = hide(world, world["question"])
    log_in(world["people"]["advisor"])
    response = client.post(f"/knowhow/{post.pk}/moderate/", {"moderation-decision": "kept_hidden"})
    assert response.status_code == 200
    assert "理由を入力してください。" in response.content.decode()
    assert not ModerationAction.objects.filter(kind=ModerationKind.KEPT_HIDDEN).exists()
    client.post(
        f"/knowhow/{post.pk}/moderate/",
        {"moderation-decision": "kept_hidden", "moderation-reason": "職員の氏名と電話番号を消してください。"},
    )
    post.refresh_from_db()
    assert post.state == PostState.HIDDEN
    log_in(world["people"]["asker"])
    page = client.get(f"/knowhow/{post.pk}/").content.decode()
    assert "職員の氏名と電話番号を消してください。" in page


def test_obsoleting_from_review_restores_the_post_with_its_banner(world):
    post = hide(world, world["question"])
    moderation.moderation_decide(
        actor=world["people"]["advisor"], post_id=post.pk, decision="obsoleted", reason="別の投稿と重複"
    )
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED and post.obsolete and post.obsolete_note == "別の投稿と重複"


def test_staff_may_not_moderate(world):
    with pytest.raises(PermissionDenied):
        moderation.moderation_decide(
            actor=world["people"]["answerer"], post_id=world["question"].pk, decision="cleared"
        )


def test_the_log_is_shown_to_advisors_and_the_author_only(client, log_in, world):
    post = world["question"]
    moderation.moderation_decide(
        actor=world["people"]["advisor"], post_id=post.pk, decision="cleared", reason="確認しました。"
    )
    for who, shown in (("asker", True), ("advisor", True), ("answerer", False), ("official", False)):
        log_in(world["people"][who])
        assert ("モデレーションの記録" in client.get(f"/knowhow/{post.pk}/").content.decode()) is shown, who


def test_an_author_whose_post_was_never_moderated_sees_no_moderation_section(client, log_in, world):
    post = world["question"]
    for who, shown in (("asker", False), ("advisor", True)):
        log_in(world["people"][who])
        assert ('id="moderation"' in client.get(f"/knowhow/{post.pk}/").content.decode()) is shown, who


def test_a_flag_through_the_page_keeps_what_was_typed_when_the_reason_is_missing(client, log_in, world):
    log_in(world["people"]["answerer"])
    response = client.post(f"/knowhow/{world['question'].pk}/flag/", {"flag-note": "電話番号が載っています"})
    assert response.status_code == 200
    assert "電話番号が載っています" in response.content.decode()
    assert not Flag.objects.exists()


def test_a_flag_note_with_a_personal_number_needs_confirmation(client, log_in, world):
    log_in(world["people"]["answerer"])
    url = f"/knowhow/{world['question'].pk}/flag/"
    client.post(
        url, {"flag-reason": "personal_data", "flag-note": "個人番号 1234 5678 9018 が本文にあります"}
    )
    assert not Flag.objects.exists()


def test_officials_may_flag(world):
    assert flag(world["people"]["official"], world["question"]).municipality is None


def test_a_new_municipality_member_counts_for_their_municipality(world):
    flagger = member(Role.STAFF, MunicipalityFactory())
    assert flag(flagger, world["question"]).municipality == flagger.current_membership.municipality
