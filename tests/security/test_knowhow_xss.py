"""Whatever members type is shown as text: the XSS corpus through a post's title and body, an answer, a
comment, a tag, a source, a file name and a version note never becomes markup on the list, the post, its
revisions, the drafts page, the review queue or the following page (which names the posts and tags one
follows); nor through a FAQ's source consultation, vendor names, its draft form and consent reasons."""

import copy
from html.parser import HTMLParser

import pytest
from django.utils.html import escape

from knowhow.models import Post, Tag
from tests.conftest import built_once
from tests.knowhow.conftest import build_world
from tests.security.test_xss import PAYLOADS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    """The know-how world, built once for the module: what each payload writes is rolled back."""
    yield from built_once(django_db_blocker, build_world)


@pytest.fixture
def world(_world):
    return copy.deepcopy(_world)


class Markup(HTMLParser):
    """Collects what a browser would run: script elements, event handlers, javascript: URLs, frames."""

    def __init__(self):
        super().__init__()
        self.dangers = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "svg", "img", "object", "embed"}:
            self.dangers.append(tag)
        for name, value in attrs:
            # A form field's value is text the browser shows for editing, never a URL it follows.
            followed = name != "value" and "javascript:" in (value or "").lower()
            if name.startswith("on") or name == "style" or followed:
                self.dangers.append(f"{tag} {name}={value}")


def dangers(page: str) -> list[str]:
    parser = Markup()
    parser.feed(page)
    # The portal's own scripts are loaded with the CSP nonce from /static/.
    return [d for d in parser.dangers if d != "script"] + (
        ["script"] if page.count("<script") != page.count('<script src="/static/') else []
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_corpus_through_every_field_is_shown_as_text(client, log_in, world, payload):
    author, reader = world["people"]["third"], world["people"]["answerer"]
    log_in(author)
    client.post(
        "/knowhow/new/",
        {
            "kind": "question",
            "title": f"XSS {payload}",
            "body": payload,
            "tags": payload,
            "action": "publish",
        },
    )
    post = Post.objects.get(author=author)
    client.post(
        f"/knowhow/{post.pk}/edit/",
        {
            "kind": "question",
            "title": "XSS 編集後",
            "body": f"{payload}\n追記",
            "version": post.version,
        },
    )
    client.post("/knowhow/new/", {"kind": "tip", "title": payload, "body": payload, "action": "draft"})
    log_in(reader)
    client.post(f"/knowhow/{post.pk}/answers/", {"answer-body": payload})
    answer = post.answers.get()
    client.post(f"/knowhow/{post.pk}/comments/", {"comment-body": payload})
    client.post(f"/knowhow/answers/{answer.pk}/comments/", {f"answer{answer.pk}-body": payload})
    assert post.comments.count() == 1 and answer.comments.count() == 1
    pages = {
        "detail": client.get(f"/knowhow/{post.pk}/"),
        "list": client.get("/knowhow/"),
        "revisions": client.get(f"/knowhow/{post.pk}/revisions/"),
    }
    # Following names the post and the tags (the edit took them off the post; they still exist).
    client.post(f"/knowhow/{post.pk}/watch/", {"level": "watching"})
    for tag in Tag.objects.all():
        client.post(f"/knowhow/tags/{tag.pk}/watch/", {"level": "watching"})
    pages["following"] = client.get("/knowhow/following/")
    log_in(author)
    pages["drafts"] = client.get("/knowhow/drafts/")
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert dangers(response.content.decode()) == [], name
    assert escape(payload.split(" ")[0]) in pages["detail"].content.decode()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_corpus_through_a_flag_note_and_a_moderation_reason_is_shown_as_text(
    client, log_in, world, payload
):
    post, people = world["question"], world["people"]
    log_in(people["answerer"])
    client.post(f"/knowhow/{post.pk}/flag/", {"flag-reason": "inappropriate", "flag-note": payload})
    assert post.flags.get().note
    log_in(people["advisor"])
    pages = {
        "queue": client.get("/knowhow/moderation/"),
        "detail (advisor)": client.get(f"/knowhow/{post.pk}/"),
    }
    client.post(
        f"/knowhow/{post.pk}/moderate/", {"moderation-decision": "kept_hidden", "moderation-reason": payload}
    )
    assert post.moderation_actions.get().reason
    log_in(people["asker"])
    pages["detail (author)"] = client.get(f"/knowhow/{post.pk}/")
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert dangers(response.content.decode()) == [], name
        assert escape(payload.split(" ")[0]) in response.content.decode(), name


def test_the_check_finds_markup_when_there_is_some():
    assert dangers('<p><img src=x onerror="alert(1)"></p>') != []
    assert dangers('<a href="javascript:alert(1)">x</a>') != []
    assert dangers('<input value="&lt;a href=&quot;javascript:alert(1)&quot;&gt;">') == []
    assert dangers('<script src="/static/portal/error-summary.js"></script><p>ok</p>') == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_corpus_through_sources_and_file_names_is_shown_as_text(
    client, log_in, world, settings, tmp_path, payload
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    question = world["question"]
    log_in(world["people"]["asker"])
    client.post(
        f"/knowhow/{question.pk}/sources/",
        {"source-kind": "notice", "source-title": payload[:200], "source-number": payload[:100]},
    )
    client.post(
        f"/knowhow/{question.pk}/sources/",
        {"source-kind": "law", "source-title": "法令", "source-url": f"https://example.jp/?q={payload}"},
    )
    client.post(
        f"/knowhow/{question.pk}/answers/",
        {"answer-body": "回答", "answer-attachments": [SimpleUploadedFile(f"{payload[:80]}.txt", b"memo")]},
    )
    client.post(
        "/knowhow/new/",
        {
            "kind": "template",
            "title": "様式",
            "body": "本文",
            "version_note": payload[:200],
            "attachments": [SimpleUploadedFile("様式.txt", b"memo")],
            "action": "publish",
        },
    )
    template = Post.objects.get(kind="template")
    assert template.attachments.get().version_note == payload[:200].strip()
    log_in(world["people"]["advisor"])
    for url in (f"/knowhow/{question.pk}/", f"/knowhow/{template.pk}/", "/knowhow/review/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert dangers(response.content.decode()) == [], url


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_corpus_through_a_faq_its_source_and_its_consent_reasons_is_shown_as_text(
    client, log_in, world, payload
):
    from consultations import services as desk
    from consultations.models import Status
    from knowhow.models import Faq, VendorName
    from tests.factories import consultation

    people = world["people"]
    asker, advisor = people["asker"], people["advisor"]
    VendorName.objects.create(name=payload[:100])
    c = consultation(asker, title=payload[:200], body=payload)
    desk.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    desk.message_post(consultation_id=c.pk, actor=advisor, body=payload)
    desk.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    log_in(advisor)
    pages = {"draft form": client.get(f"/knowhow/faq/new/consultation/{c.pk}/")}
    client.post(
        f"/knowhow/faq/new/consultation/{c.pk}/",
        {"title": f"FAQ {payload}"[:200], "body": payload, "tags": payload},
    )
    post = Faq.objects.get().post
    client.post(f"/knowhow/{post.pk}/faq/request-consent/")
    log_in(asker)
    pages["asked (municipality)"] = client.get(f"/knowhow/{post.pk}/")
    client.post(f"/knowhow/{post.pk}/faq/refuse/", {"refuse-reason": payload})
    log_in(advisor)
    pages["refused (advisor)"] = client.get(f"/knowhow/{post.pk}/")
    pages["drafts (advisor)"] = client.get("/knowhow/drafts/")
    client.post(f"/knowhow/{post.pk}/faq/request-consent/")
    post.refresh_from_db()
    log_in(asker)
    client.post(f"/knowhow/{post.pk}/faq/consent/", {"version": post.version})
    log_in(people["answerer"])
    pages["published (reader)"] = client.get(f"/knowhow/{post.pk}/")
    pages["list"] = client.get("/knowhow/?kind=faq")
    log_in(asker)
    client.post(f"/knowhow/{post.pk}/faq/withdraw/", {"withdraw-reason": payload})
    log_in(advisor)
    pages["withdrawn (advisor)"] = client.get(f"/knowhow/{post.pk}/")
    assert list(post.faq.decisions.values_list("decision", flat=True)) == [
        "requested",
        "refused",
        "requested",
        "given",
        "withdrawn",
    ]
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert dangers(response.content.decode()) == [], name
    assert escape(payload.split(" ")[0]) in pages["withdrawn (advisor)"].content.decode()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_corpus_through_a_case_title_and_a_shared_question_is_shown_as_text(
    client, log_in, world, payload
):
    """「この団体に聞く」 shows the case's title (typed by editors) on the form and the question; the
    shared-problems page, its invitation and the notices show the question's title."""
    from knowhow import services
    from tests.factories import case_study, home_page, run_tasks

    people = world["people"]
    home_page()
    case = case_study(title=payload, municipalities=[world["kawai"]])
    ask_url = f"/knowhow/ask/case_study/{case.pk}/"
    log_in(people["asker"])
    pages = {"ask": client.get(ask_url)}
    client.post(ask_url, {"title": f"XSS {payload}", "body": payload, "action": "publish"})
    post = Post.objects.get(asked_from_source="case_study")
    assert post.asked_from_title == payload
    for person in ("answerer", "third"):
        services.same_problem_mark(actor=people[person], post_id=post.pk)
    pages["detail"] = client.get(f"/knowhow/{post.pk}/")
    log_in(people["advisor"])
    pages["shared problems"] = client.get("/knowhow/shared-problems/")
    invite = f"/knowhow/shared-problems/questions/{post.pk}/invite/"
    pages["invitation"] = client.get(invite)
    client.post(invite, {"starter": "consultations.joint_consultation"})
    run_tasks()
    log_in(people["answerer"])
    pages["notices"] = client.get("/notifications/")
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert dangers(response.content.decode()) == [], name
        assert escape(payload.split(" ")[0]) in response.content.decode(), name
