"""Know-how posts (FAQs among them) as search documents: what a document says, who finds it (exactly
whom `post.view` admits), and that every service that changes what a post shows keeps its document
current."""

import pytest
from django.contrib.auth.models import AnonymousUser

from consultations import services as desk
from consultations.models import Status
from knowhow import faq, moderation, services
from knowhow.models import Kind, ModerationKind, PostState
from knowhow.search import KNOWHOW_POST
from portal import access
from portal.models import Membership, Role, SystemArea
from search.documents import KNOWLEDGE, alias
from tests.conftest import index_now
from tests.factories import MunicipalityFactory, consultation, member
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db


def indexed(es, post) -> dict | None:
    """The post's document as the knowledge index holds it now, or None."""
    response = es.options(ignore_status=404).get(index=alias(KNOWLEDGE), id=KNOWHOW_POST.document_id(post.pk))
    return response["_source"] if response.get("found") else None


# --- What a document says ---------------------------------------------------------------------------


def test_a_question_document_carries_its_answers_with_the_accepted_one_first(world):
    people, question = world["people"], world["question"]
    later = services.answer_create(
        post_id=question.pk, actor=people["third"], body="ゼロトラストで解決しました。"
    )
    services.answer_accept(answer_id=later.pk, actor=people["asker"])
    question.refresh_from_db()

    document = KNOWHOW_POST.document(question)

    assert document["kind"] == "knowhow_post"
    assert document["body"].split("\n") == [
        "実際の方法を教えてください。",
        "ゼロトラストで解決しました。",
        "仮想ブラウザを使っています。",
    ]
    assert document["url"] == f"/knowhow/{question.pk}/"
    assert document["tags"] == ["LGWAN"]
    assert document["system_areas"] == [str(world["area"].pk)]
    assert document["category"] == "question"
    assert document["status"] == ["solved"]
    assert document["author_municipality"] == str(world["kashiba"].pk)
    assert document["municipalities"] == [str(world["kashiba"].pk)]
    assert document["year"] == question.published_at.year
    assert set(KNOWHOW_POST.choice_labels["category"]) == set(Kind.values)


def test_an_anonymous_post_names_its_municipality_in_no_field(world):
    post = ask(world["people"]["asker"], title="匿名の質問", anonymous=True)

    document = KNOWHOW_POST.document(post)

    assert document.get("author_municipality") is None
    assert document["municipalities"] == []
    assert document["visibility"]["municipalities"] == []
    assert "香芝市" not in str(document)


def test_only_published_posts_are_to_be_indexed_and_their_hits_checked(world):
    people = world["people"]
    draft = services.post_create(
        actor=people["asker"], kind="tip", title="書きかけ", body="途中", publish=False
    )
    hidden = ask(people["answerer"], title="隠された質問")
    hidden.state = PostState.HIDDEN
    hidden.save()

    indexed_pks = set(KNOWHOW_POST.queryset().values_list("pk", flat=True))

    assert set(KNOWHOW_POST.access_queryset().values_list("pk", flat=True)) == indexed_pks
    assert world["question"].pk in indexed_pks
    assert draft.pk not in indexed_pks and hidden.pk not in indexed_pks


# --- Who finds it -----------------------------------------------------------------------------------


def readers(world):
    kashiba, kawai = world["kashiba"], world["kawai"]
    return {
        "staff of the author's municipality": member(Role.STAFF, kashiba),
        "staff of another municipality": member(Role.STAFF, kawai),
        "pending staff": member(Role.STAFF, kashiba, state=Membership.State.PENDING),
        "ended staff": member(Role.STAFF, kawai, state=Membership.State.ENDED),
        "advisor": member(Role.ADVISOR),
        "admin": member(Role.ADMIN),
        "official": member(Role.OFFICIAL),
        "ended advisor": member(Role.ADVISOR, state=Membership.State.ENDED),
        "anonymous visitor": AnonymousUser(),
        "the author": world["people"]["asker"],
    }


def posts_in_every_state(world, solved_consultation):
    people = world["people"]
    hidden = ask(people["asker"], title="隠された質問")
    hidden.state = PostState.HIDDEN
    hidden.save()
    published_faq = faq_published(solved_consultation, people)
    draft_faq = faq.faq_create(
        actor=people["advisor"],
        source="consultation",
        source_pk=consultation_resolved(people).pk,
        title="下書きのFAQ",
        body="まだ同意を得ていません。",
    )
    return {
        "published question": world["question"],
        "anonymous question": ask(people["asker"], title="匿名", anonymous=True),
        "obsolete tip": services.post_mark_obsolete(
            post_id=ask(people["asker"], kind="tip", title="古い").pk,
            actor=people["advisor"],
            note="制度変更",
        ),
        "draft": services.post_create(
            actor=people["asker"], kind="tip", title="下書き", body="途中", publish=False
        ),
        "hidden": hidden,
        "published FAQ": published_faq,
        "FAQ waiting for consent": draft_faq,
    }


def test_a_document_is_found_by_exactly_whom_post_view_admits(world):
    posts = posts_in_every_state(world, consultation_resolved(world["people"]))
    indexed_pks = set(KNOWHOW_POST.queryset().values_list("pk", flat=True))
    users = readers(world)

    disagreements = []
    for what, post in posts.items():
        post.refresh_from_db()
        for who, user in users.items():
            found = post.pk in indexed_pks and KNOWHOW_POST.visibility(post).admits(user)
            may_view = access.can(user, KNOWHOW_POST.view_action, post)
            # Search shows only what every reader may see: never more than the view rule, and all of
            # a published post's readers.
            if (found and not may_view) or (post.is_published and found != may_view):
                disagreements.append((what, who, found, may_view))

    assert disagreements == []
    assert not KNOWHOW_POST.visibility(posts["published question"]).admits(AnonymousUser())
    assert {what for what, post in posts.items() if post.pk in indexed_pks} == {
        "published question",
        "anonymous question",
        "obsolete tip",
        "published FAQ",
    }


# --- FAQs -------------------------------------------------------------------------------------------


def consultation_resolved(people):
    advisor = people["advisor"]
    c = consultation(
        people["asker"],
        title="香芝市の住民記録システム更改の見積",
        body="<p>奈良システム株式会社から1,200万円の見積が届きました。</p>",
    )
    desk.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    desk.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    return c


def faq_asked(c, people):
    post = faq.faq_create(
        actor=people["advisor"],
        source="consultation",
        source_pk=c.pk,
        title="住民記録システム更改の見積が高いとき",
        body="仕様を分けて見積を取り直します。",
        tags=["見積"],
    )
    faq.faq_request_consent(post_id=post.pk, actor=people["advisor"])
    post.refresh_from_db()
    return post


def faq_published(c, people):
    post = faq_asked(c, people)
    faq.faq_consent(post_id=post.pk, actor=people["asker"], version=post.version)
    post.refresh_from_db()
    return post


def test_a_published_faq_document_has_the_masked_text_and_nothing_of_its_origin(world):
    c = consultation_resolved(world["people"])
    post = faq_published(c, world["people"])

    document = KNOWHOW_POST.document(post)

    assert document["category"] == "faq"
    assert document["body"] == "仕様を分けて見積を取り直します。"
    assert "奈良システム" not in str(document) and "1,200万円" not in str(document)
    assert c.reference not in str(document) and post.faq.url not in str(document)


def test_a_faq_enters_the_index_on_consent_and_leaves_it_on_withdrawal(world, search_indexes):
    people = world["people"]
    post = faq_asked(consultation_resolved(people), people)
    index_now()
    assert indexed(search_indexes, post) is None

    faq.faq_consent(post_id=post.pk, actor=people["asker"], version=post.version)
    index_now()
    assert indexed(search_indexes, post)["title"] == "住民記録システム更改の見積が高いとき"

    faq.faq_withdraw(post_id=post.pk, actor=people["colleague"], reason="議会で説明前のため。")
    index_now()
    assert indexed(search_indexes, post) is None


def test_an_edit_that_lapses_a_published_faqs_consent_takes_it_out_of_the_index(world, search_indexes):
    people = world["people"]
    post = faq_published(consultation_resolved(people), people)
    index_now()
    assert indexed(search_indexes, post) is not None

    services.post_update(
        post_id=post.pk,
        actor=people["advisor"],
        kind=Kind.FAQ,
        title=post.title,
        body="書き直した本文",
        anonymous=False,
    )
    index_now()

    assert indexed(search_indexes, post) is None


# --- Every write keeps the document current ---------------------------------------------------------


def test_a_published_post_is_indexed_and_a_draft_is_not(world, search_indexes):
    people = world["people"]
    draft = services.post_create(
        actor=people["asker"], kind="tip", title="書きかけ", body="途中", publish=False
    )
    index_now()
    assert indexed(search_indexes, world["question"])["title"] == "LGWAN接続系でWeb会議を使う方法"
    assert indexed(search_indexes, draft) is None

    services.post_publish(post_id=draft.pk, actor=people["asker"])
    index_now()
    assert indexed(search_indexes, draft)["title"] == "書きかけ"


def test_a_new_answer_is_in_its_posts_document(world, search_indexes):
    services.answer_create(
        post_id=world["question"].pk, actor=world["people"]["third"], body="VDIで分離しました。"
    )
    index_now()
    assert "VDIで分離しました。" in indexed(search_indexes, world["question"])["body"]


def test_accepting_an_answer_puts_it_first_and_marks_the_question_solved(world, search_indexes):
    people, question = world["people"], world["question"]
    later = services.answer_create(post_id=question.pk, actor=people["third"], body="後から来た回答")
    index_now()
    services.answer_accept(answer_id=later.pk, actor=people["asker"])
    index_now()
    document = indexed(search_indexes, question)
    assert document["body"].split("\n")[1] == "後から来た回答"
    assert document["status"] == ["solved"]


def test_verifying_an_answer_updates_the_posts_document(world, search_indexes):
    index_now()
    before = indexed(search_indexes, world["question"])["updated"]
    services.answer_verify(answer_id=world["answer"].pk, actor=world["people"]["advisor"])
    index_now()
    world["question"].refresh_from_db()
    assert indexed(search_indexes, world["question"])["updated"] == world["question"].updated_at.isoformat()
    assert indexed(search_indexes, world["question"])["updated"] != before


def test_an_edit_of_text_tags_and_system_areas_is_in_the_document(world, search_indexes):
    people, question = world["people"], world["question"]
    other_area, _ = SystemArea.objects.get_or_create(name="住民記録", defaults={"order": 10})
    index_now()
    services.post_update(
        post_id=question.pk,
        actor=people["asker"],
        kind="question",
        title="LGWAN接続系でのWeb会議",
        body="書き直しました。",
        tags=["Web会議"],
        system_areas=[other_area],
        anonymous=True,
    )
    index_now()
    document = indexed(search_indexes, question)
    assert document["title"] == "LGWAN接続系でのWeb会議"
    assert document["tags"] == ["Web会議"]
    assert document["system_areas"] == [str(other_area.pk)]
    assert document.get("author_municipality") is None and document["municipalities"] == []


def test_marking_a_post_obsolete_is_in_its_status(world, search_indexes):
    index_now()
    services.post_mark_obsolete(
        post_id=world["question"].pk, actor=world["people"]["advisor"], note="制度変更"
    )
    index_now()
    assert "obsolete" in indexed(search_indexes, world["question"])["status"]


def test_a_post_hidden_by_flags_leaves_the_index_and_returns_when_cleared(world, search_indexes):
    question = world["question"]
    index_now()
    for municipality in (world["kawai"], MunicipalityFactory(), MunicipalityFactory()):
        moderation.flag_create(
            actor=member(Role.STAFF, municipality), post_id=question.pk, reason="personal_data"
        )
    index_now()
    assert indexed(search_indexes, question) is None

    moderation.moderation_decide(
        actor=world["people"]["advisor"], post_id=question.pk, decision=ModerationKind.CLEARED
    )
    index_now()
    assert indexed(search_indexes, question) is not None


def test_an_advisor_keeping_a_post_hidden_takes_it_out_of_the_index(world, search_indexes):
    question = world["question"]
    index_now()
    moderation.moderation_decide(
        actor=world["people"]["advisor"],
        post_id=question.pk,
        decision=ModerationKind.KEPT_HIDDEN,
        reason="個人情報",
    )
    index_now()
    assert indexed(search_indexes, question) is None


def test_asking_municipalities_adds_them_to_the_documents_municipalities(world, search_indexes):
    question = world["question"]
    question.addressed_to.set([world["kawai"]])
    index_now()
    assert str(world["kawai"].pk) in indexed(search_indexes, question)["municipalities"]
