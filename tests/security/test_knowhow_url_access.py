"""Every /knowhow/ URL against every role: what each may open (200), what sends them to log in (302)
and what does not exist for them (404). POST actions redirect (302) when allowed."""

import copy

import pytest
from django.test import override_settings

from knowhow import moderation, services
from knowhow.models import SourceKind, Tag
from portal.uploads import check_uploads
from tests.conftest import built_once
from tests.consultations.conftest import pdf
from tests.factories import case_study, consultation, home_page
from tests.knowhow.conftest import ask, build_world

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "pending", "asker", "answerer", "advisor", "official"]


def expect(**by_role):
    return [by_role.get(role, by_role.get("default")) for role in ROLES]


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world and its targets, built once for the module: each test's requests are rolled back."""
    files = tmp_path_factory.mktemp("knowhow-url-access")

    def build():
        with override_settings(PRIVATE_STORAGE_ROOT=files):
            world = build_world()
            return {"files": files, "world": world, "targets": _targets(world)}

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _private_files(settings, _built):
    settings.PRIVATE_STORAGE_ROOT = _built["files"]


@pytest.fixture
def _fresh(_built):
    return copy.deepcopy(_built)


@pytest.fixture
def world(_fresh):
    return _fresh["world"]


@pytest.fixture
def targets(_fresh):
    return _fresh["targets"]


def _targets(world):
    people = world["people"]
    draft = ask(people["asker"], kind="tip", title="下書きの投稿", publish=False)
    services.post_update(
        post_id=world["question"].pk,
        actor=people["asker"],
        kind="question",
        title="LGWAN接続系でWeb会議に参加する方法",
        body="実際の方法を教えてください。",
        anonymous=False,
    )
    hidden = ask(people["asker"], title="確認まで非公開の投稿")
    moderation.moderation_decide(
        actor=people["advisor"], post_id=hidden.pk, decision="kept_hidden", reason="個人情報"
    )
    tag = Tag.objects.get(name="LGWAN")  # the edit above took it off the question; it still exists
    services.post_update(
        post_id=world["question"].pk,
        actor=people["asker"],
        kind="question",
        title="LGWAN接続系でWeb会議に参加する方法",
        body="実際の方法を教えてください。",
        anonymous=False,
        uploads=check_uploads([pdf()]),
    )
    source = services.source_add(
        post_id=world["question"].pk, actor=people["asker"], kind=SourceKind.LAW, title="地方自治法"
    )
    # The question and its area are shared by three municipalities.
    for person in ("answerer", "third"):
        services.same_problem_mark(actor=people[person], post_id=world["question"].pk)
        consultation(people[person], system_areas=[world["area"]])
    consultation(people["asker"], system_areas=[world["area"]])
    home_page()
    case = case_study(title="共同利用の事例", municipalities=[world["kashiba"], world["kawai"]])
    return {
        **_faqs(people),
        "CS": case.pk,
        "Q": world["question"].pk,
        "D": draft.pk,
        "A": world["answer"].pk,
        "H": hidden.pk,
        "T": tag.pk,
        "S": world["area"].pk,
        "F": world["question"].attachments.get().pk,
        "R": source.pk,
        "P": ask(people["asker"], kind="template", title="SLA チェックリスト").pk,
    }


def _faqs(people):
    """A resolved consultation of the asker's municipality with no FAQ yet, and FAQs made from others:
    a draft, one waiting for consent, a published one with a file, one whose consent an edit lapsed."""
    from consultations import services as desk
    from consultations.models import Status
    from knowhow import faq
    from tests.factories import consultation

    advisor, asker = people["advisor"], people["asker"]

    def settled():
        c = consultation(asker)
        desk.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
        desk.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
        return c.pk

    def made():
        return faq.faq_create(
            actor=advisor, source="consultation", source_pk=settled(), title="FAQ", body="本文"
        )

    def edited(post, **fields):
        values = {"kind": "faq", "title": post.title, "body": post.body, "anonymous": False}
        services.post_update(post_id=post.pk, actor=advisor, **{**values, **fields})

    draft, asked, published, lapsed = made(), made(), made(), made()
    edited(published, uploads=check_uploads([pdf()]))  # before consent is asked: it needs none yet
    for post in (asked, published, lapsed):
        faq.faq_request_consent(post_id=post.pk, actor=advisor)
    for post in (published, lapsed):
        post.refresh_from_db()
        faq.faq_consent(post_id=post.pk, actor=asker, version=post.version)
    lapsed.refresh_from_db()
    edited(lapsed, body="書き直した本文")
    return {
        "SRC": "consultation",
        "C": settled(),
        "N": draft.pk,
        "K": asked.pk,
        "W": published.pk,
        "WF": published.attachments.get().pk,
        "L": lapsed.pk,
    }


# Signed-in active members read; anonymous visitors log in; pending members and other people's drafts: 404.
READ = expect(anonymous=302, pending=404, default=200)
GET_URLS = [
    ("/knowhow/", READ),
    ("/knowhow/new/", expect(anonymous=302, pending=404, official=404, default=200)),
    ("/knowhow/drafts/", expect(anonymous=302, pending=404, official=404, default=200)),
    ("/knowhow/{Q}/", READ),
    ("/knowhow/{Q}/revisions/", READ),
    ("/knowhow/{Q}/edit/", expect(anonymous=302, asker=200, default=404)),
    ("/knowhow/{D}/", expect(anonymous=302, asker=200, default=404)),
    ("/knowhow/{D}/edit/", expect(anonymous=302, asker=200, default=404)),
    ("/knowhow/{D}/revisions/", expect(anonymous=302, asker=200, default=404)),
    ("/knowhow/moderation/", expect(anonymous=302, advisor=200, default=404)),
    ("/knowhow/{H}/", expect(anonymous=302, asker=200, advisor=200, default=404)),
    ("/knowhow/following/", READ),
    ("/knowhow/files/{F}/", READ),
    ("/knowhow/review/", expect(anonymous=302, advisor=200, default=404)),
    # FAQs: advisors make them from a settled consultation; the owning municipality reads one it is asked
    # to consent to; everyone reads a published one.
    ("/knowhow/faq/new/{SRC}/{C}/", expect(anonymous=302, advisor=200, default=404)),
    ("/knowhow/{N}/", expect(anonymous=302, advisor=200, default=404)),
    ("/knowhow/{K}/", expect(anonymous=302, asker=200, advisor=200, default=404)),
    ("/knowhow/{W}/", READ),
    ("/knowhow/shared-problems/", expect(anonymous=302, advisor=200, official=200, default=404)),
    ("/knowhow/shared-problems/questions/{Q}/invite/", expect(anonymous=302, advisor=200, default=404)),
    ("/knowhow/shared-problems/system-areas/{S}/invite/", expect(anonymous=302, advisor=200, default=404)),
    # The case's municipalities are 香芝市 and 河合町: each asks the other; officials do not write.
    ("/knowhow/ask/case_study/{CS}/", expect(anonymous=302, pending=404, official=404, default=200)),
    ("/knowhow/{W}/revisions/", expect(anonymous=302, asker=200, advisor=200, default=404)),
    ("/knowhow/files/{WF}/", READ),
    ("/knowhow/{L}/", expect(anonymous=302, advisor=200, default=404)),
    ("/knowhow/{L}/revisions/", expect(anonymous=302, advisor=200, default=404)),
    ("/knowhow/{N}/edit/", expect(anonymous=302, advisor=200, default=404)),
]

POST_URLS = [
    ("/knowhow/{D}/publish/", expect(anonymous=302, asker=302, default=404)),
    ("/knowhow/{Q}/verify/", expect(anonymous=302, advisor=302, default=404)),
    ("/knowhow/{Q}/helpful/", expect(anonymous=302, answerer=302, advisor=302, default=404)),
    ("/knowhow/{Q}/same-problem/", expect(anonymous=302, answerer=302, default=404)),
    ("/knowhow/{Q}/answers/", expect(anonymous=302, asker=302, answerer=302, advisor=302, default=404)),
    ("/knowhow/{Q}/comments/", expect(anonymous=302, asker=302, answerer=302, advisor=302, default=404)),
    ("/knowhow/answers/{A}/helpful/", expect(anonymous=302, asker=302, advisor=302, default=404)),
    (
        "/knowhow/answers/{A}/comments/",
        expect(anonymous=302, asker=302, answerer=302, advisor=302, default=404),
    ),
    ("/knowhow/answers/{A}/verify/", expect(anonymous=302, advisor=302, default=404)),
    ("/knowhow/answers/{A}/accept/", expect(anonymous=302, asker=302, advisor=302, default=404)),
    ("/knowhow/{Q}/obsolete/", expect(anonymous=302, asker=302, advisor=302, default=404)),
    ("/knowhow/{Q}/flag/", expect(anonymous=302, pending=404, asker=404, default=302)),
    ("/knowhow/{H}/flag/", expect(anonymous=302, default=404)),
    ("/knowhow/{H}/moderate/", expect(anonymous=302, advisor=302, default=404)),
    # Whoever reads may follow what they read, officials included; another's draft does not exist.
    ("/knowhow/{Q}/watch/", expect(anonymous=302, pending=404, default=302)),
    ("/knowhow/{D}/watch/", expect(anonymous=302, asker=302, default=404)),
    ("/knowhow/tags/{T}/watch/", expect(anonymous=302, pending=404, default=302)),
    ("/knowhow/system-areas/{S}/watch/", expect(anonymous=302, pending=404, default=302)),
    ("/knowhow/following/digest/", expect(anonymous=302, pending=404, default=302)),
    ("/knowhow/{Q}/sources/", expect(anonymous=302, asker=302, default=404)),
    ("/knowhow/sources/{R}/remove/", expect(anonymous=302, asker=302, default=404)),
    ("/knowhow/{Q}/checked/", expect(anonymous=302, advisor=302, default=404)),
    ("/knowhow/{P}/derive/", expect(anonymous=302, answerer=302, default=404)),
    # Without a title and body the advisor's draft form comes back (200) with its messages.
    ("/knowhow/faq/new/{SRC}/{C}/", expect(anonymous=302, advisor=200, default=404)),
    ("/knowhow/{N}/faq/request-consent/", expect(anonymous=302, advisor=302, default=404)),
    ("/knowhow/{K}/faq/consent/", expect(anonymous=302, asker=302, default=404)),
    ("/knowhow/{K}/faq/refuse/", expect(anonymous=302, asker=302, default=404)),
    ("/knowhow/{W}/faq/withdraw/", expect(anonymous=302, asker=302, default=404)),
    ("/knowhow/shared-problems/questions/{Q}/invite/", expect(anonymous=302, advisor=302, default=404)),
    ("/knowhow/shared-problems/system-areas/{S}/invite/", expect(anonymous=302, advisor=302, default=404)),
    ("/knowhow/ask/case_study/{CS}/", expect(anonymous=302, pending=404, official=404, default=302)),
    ("/knowhow/{L}/faq/request-consent/", expect(anonymous=302, advisor=302, default=404)),
    ("/knowhow/{L}/faq/consent/", expect(anonymous=302, default=404)),
]

POST_DATA = {
    "answers": {"answer-body": "回答です。"},
    "comments": {"comment-body": "コメントです。", "answer{A}-body": "コメントです。"},
    "flag": {"flag-reason": "inaccurate"},
    "moderate": {"moderation-decision": "kept_hidden", "moderation-reason": "確認中です。"},
    "watch": {"level": "watching"},
    "digest": {"subscribed": "on"},
    "sources": {"source-kind": "law", "source-title": "地方自治法"},
    "refuse": {"refuse-reason": "まだ庁内の了解がありません。"},
    "withdraw": {"withdraw-reason": "議会への説明の前のため。"},
    "invite": {"starter": "consultations.joint_consultation"},
    "ask": {"title": "共同利用の費用按分", "body": "教えてください。"},
}


def _data(url, targets):
    segments = url.strip("/").split("/")
    # A URL ending in its object's number (/knowhow/ask/case_study/5/) is named by its first word.
    data = POST_DATA.get(segments[1] if segments[-1].isdigit() else segments[-1], {})
    return {name.format(**targets): value for name, value in data.items()}


@pytest.mark.parametrize(("url", "expected"), GET_URLS, ids=[u for u, _ in GET_URLS])
def test_knowhow_pages_by_role(client, log_in, world, targets, url, expected):
    url = url.format(**targets)
    for role, status in zip(ROLES, expected, strict=True):
        client.logout()
        if role != "anonymous":
            log_in(world["people"][role])
        response = client.get(url)
        assert response.status_code == status, (role, url)
        if role == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize(("url", "expected"), POST_URLS, ids=[u for u, _ in POST_URLS])
def test_knowhow_actions_by_role(client, log_in, world, targets, url, expected):
    """One world per URL: a role's action leaves the next role's rule as it was (accepting an answer
    or marking a post obsolete again is allowed; marking helpful again is refused with a message)."""
    url = url.format(**targets)
    for role, status in zip(ROLES, expected, strict=True):
        client.logout()
        if role != "anonymous":
            log_in(world["people"][role])
        response = client.post(url, _data(url, targets))
        assert response.status_code == status, (role, url)


def test_every_knowhow_url_is_in_the_tables():
    from django.urls import get_resolver

    from knowhow import urls

    patterns = {str(pattern.pattern) for pattern in urls.urlpatterns}
    tabled = {
        url.removeprefix("/knowhow/")
        .replace("{Q}", "<int:pk>")
        .replace("{D}", "<int:pk>")
        .replace("{A}", "<int:pk>")
        .replace("{H}", "<int:pk>")
        .replace("{T}", "<int:pk>")
        .replace("{S}", "<int:pk>")
        .replace("{F}", "<int:pk>")
        .replace("{R}", "<int:pk>")
        .replace("{P}", "<int:pk>")
        .replace("{SRC}", "<slug:source>")
        .replace("{C}", "<int:pk>")
        .replace("{N}", "<int:pk>")
        .replace("{K}", "<int:pk>")
        .replace("{W}", "<int:pk>")
        .replace("{CS}", "<int:pk>")
        .replace("case_study", "<slug:source>")
        .replace("{WF}", "<int:pk>")
        .replace("{L}", "<int:pk>")
        for url, _ in [*GET_URLS, *POST_URLS]
    }
    assert patterns == tabled
    assert get_resolver().resolve("/knowhow/").namespace == "knowhow"
