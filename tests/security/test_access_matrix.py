"""portal.access as a table: every role against every registered action (Zammad-style policy matrix).

Every action an app registers has a row here; test_every_registered_action_has_a_row_in_the_matrix
fails otherwise.
"""

import copy
import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Workflow, WorkflowState

from cases import policy as cases_policy
from consultations import policy as desk_policy
from consultations.models import Export
from portal import access
from portal import handover as handovers
from portal.models import Membership, Role
from tests.conftest import built_once
from tests.factories import (
    AttachmentFactory,
    MembershipFactory,
    MessageFactory,
    MunicipalityFactory,
    ReadinessAssessmentFactory,
    UserFactory,
    UserSessionFactory,
    case_study,
    consultation,
    home_page,
    member,
)
from tests.security.test_events_access_matrix import EVENTS_MATRIX
from tests.security.test_procurement_access_matrix import PROCUREMENT_MATRIX
from tests.security.test_surveys_access_matrix import SURVEYS_MATRIX

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "pending_staff_own",
    "ended_staff_own",
    "staff_own",
    "staff_other",
    "advisor",
    "official",
    "admin",
    "superuser_without_membership",
]


@pytest.fixture(scope="class")
def _kernel(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, build_world)


@pytest.fixture
def world(_kernel):
    return copy.deepcopy(_kernel)


def build_world():
    own = MunicipalityFactory(name="香芝市", kana="かしばし")
    other = MunicipalityFactory(name="河合町", kana="かわいちょう")
    people = {
        "anonymous": AnonymousUser(),
        "pending_staff_own": member(Role.STAFF, own, state=Membership.State.PENDING),
        "ended_staff_own": member(Role.STAFF, own, state=Membership.State.ENDED),
        "staff_own": member(Role.STAFF, own),
        "staff_other": member(Role.STAFF, other),
        "advisor": member(Role.ADVISOR),
        "official": member(Role.OFFICIAL),
        "admin": member(Role.ADMIN),
        "superuser_without_membership": UserFactory(is_superuser=True),
    }
    pending_staff = MembershipFactory(role=Role.STAFF, municipality=own, state=Membership.State.PENDING)
    pending_advisor = MembershipFactory(role=Role.ADVISOR, state=Membership.State.PENDING)
    own_assessment = ReadinessAssessmentFactory(municipality=own, score=50)
    root = Page.objects.get(depth=1)
    advisors_submission = WorkflowState.objects.create(
        content_type=root.content_type,
        base_content_type=root.content_type,
        object_id=str(root.pk),
        workflow=Workflow.objects.create(name="事例の決裁"),
        requested_by=people["advisor"],
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    staff_session = UserSessionFactory(user=people["staff_own"])
    restricted_case = case_study(title="限定公開の事例")
    PageViewRestriction.objects.create(page=restricted_case, restriction_type=PageViewRestriction.LOGIN)
    return {
        "published_case": case_study(title="公開の事例"),
        "draft_case": case_study(title="下書きの事例", publish=False),
        "restricted_case": restricted_case,
        "own": own,
        "people": people,
        "staff_session": staff_session,
        "pending_staff": pending_staff,
        "pending_advisor": pending_advisor,
        "own_assessment": own_assessment,
        "advisors_submission": advisors_submission,
    }


def allowed(*personas):
    return {persona: persona in personas for persona in PERSONAS}


ADVISOR_ADMIN = allowed("advisor", "admin", "superuser_without_membership")

MATRIX = [
    ("portal.enter_cms", None, ADVISOR_ADMIN),
    ("portal.administer", None, allowed("admin", "superuser_without_membership")),
    (
        "membership.open_handover",
        None,
        allowed("staff_own", "staff_other", "advisor", "admin", "superuser_without_membership"),
    ),
    ("account.manage", None, allowed(*(p for p in PERSONAS if p != "anonymous"))),
    ("usersession.end", "staff_session", allowed("staff_own")),
    ("membership.list", None, ADVISOR_ADMIN),
    ("membership.decide", "pending_staff", ADVISOR_ADMIN),
    ("membership.decide", "pending_advisor", allowed("admin", "superuser_without_membership")),
    # Search shows what everyone may open: published pages without a view restriction (drafts and
    # restricted pages are read in Wagtail, which applies its own rules).
    ("case.view", "published_case", allowed(*PERSONAS)),
    ("case.view", "draft_case", allowed()),
    ("case.view", "restricted_case", allowed()),
    ("case.review_stale", None, ADVISOR_ADMIN),
    ("case.like_mine", None, allowed("staff_own", "staff_other")),
    ("case.edit", None, ADVISOR_ADMIN),
    ("case.publish_directly", None, allowed("superuser_without_membership")),
    # Nobody approves their own submission; the other editors may.
    ("case.approve", "advisors_submission", allowed("admin", "superuser_without_membership")),
    ("stated_total.edit", None, allowed("admin", "superuser_without_membership")),
    ("readiness.save", None, allowed("staff_own", "staff_other")),
    ("readiness.view_all", None, ADVISOR_ADMIN),
    # Everyone may search; what each finds is limited in the query (tests/search/test_search_page.py).
    ("search.search", None, allowed(*PERSONAS)),
    ("search.zero_results", None, ADVISOR_ADMIN),
    ("synonym.manage", None, ADVISOR_ADMIN),
]


class TestKernel:
    """Each class builds its world once (tests/conftest.py built_once); each test's writes are rolled back."""

    @pytest.mark.parametrize("persona", PERSONAS)
    @pytest.mark.parametrize(
        ("action", "target", "expected"), MATRIX, ids=lambda v: v if isinstance(v, str) else ""
    )
    def test_access_matrix(self, world, persona, action, target, expected):
        user = world["people"][persona]
        obj = world[target] if target else None
        assert access.can(user, action, obj) is expected[persona]

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_mfa_is_required_exactly_for_advisors_and_admins(self, world, persona):
        assert access.mfa_required(world["people"][persona]) is ADVISOR_ADMIN[persona]

    def test_memberships_for_advisor_lists_only_staff_requests(self, world):
        listed = set(access.memberships_for(world["people"]["advisor"]).values_list("role", flat=True))
        assert listed == {Role.STAFF}

    def test_memberships_for_staff_is_empty(self, world):
        assert not access.memberships_for(world["people"]["staff_own"]).exists()

    def test_require_raises_permission_denied_and_unknown_actions_are_errors(self, world):
        with pytest.raises(PermissionDenied):
            access.require(world["people"]["staff_own"], "portal.enter_cms")
        with pytest.raises(ValueError, match="Unknown action"):
            access.can(world["people"]["advisor"], "portal.no_such_action")

    def test_require_or_404_answers_not_found_outside_the_rule(self, world):
        with pytest.raises(Http404):
            access.require_or_404(world["people"]["staff_own"], "portal.enter_cms")
        access.require_or_404(world["people"]["advisor"], "portal.enter_cms")

    def test_register_refuses_an_action_registered_twice_and_keeps_the_first_rule(self, world, monkeypatch):
        monkeypatch.setattr(access, "_rules", dict(access._rules))
        with pytest.raises(ImproperlyConfigured, match=r"case\.edit"):
            access.register(
                {"case.edit": lambda user, obj, **context: True, "knowhow.post": lambda *a, **k: True}
            )
        assert not access.can(world["people"]["staff_own"], "case.edit")
        assert "knowhow.post" not in access.actions()

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_readiness_assessments_for_shows_staff_their_own_and_advisors_all(self, world, persona):
        visible = cases_policy.readiness_assessments_for(world["people"][persona])
        expected = allowed("staff_own", "advisor", "admin", "superuser_without_membership")[persona]
        assert visible.filter(pk=world["own_assessment"].pk).exists() is expected


# --- The consultation desk -------------------------------------------------------------------------


# A joint-procurement partner: staff of a municipality that owns the consultation with the filer.
DESK_PERSONAS = [*PERSONAS, "staff_partner"]


def on_desk(*personas):
    return {persona: persona in personas for persona in DESK_PERSONAS}


@pytest.fixture(scope="class")
def _desk(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, lambda: build_desk(build_world()))


@pytest.fixture
def desk(_desk):
    return copy.deepcopy(_desk)


def build_desk(world):
    from consultations import services
    from consultations.models import Status
    from tests.factories import consultation

    partner = MunicipalityFactory(name="広陵町", kana="こうりょうちょう")
    people = {**world["people"], "staff_partner": member(Role.STAFF, partner)}
    advisor = people["advisor"]
    filed = consultation(people["staff_own"], joint=[partner])
    resolved = consultation(people["staff_own"], joint=[partner])
    services.consultation_assign(consultation_id=resolved.pk, actor=advisor, assignee=advisor)
    resolved = services.consultation_transition(
        consultation_id=resolved.pk, actor=advisor, to=Status.RESOLVED
    )
    note = MessageFactory(consultation=filed, author=advisor, internal=True, body="<p>内部</p>")
    reply = MessageFactory(consultation=filed, author=people["staff_own"], body="<p>返信</p>")
    partner_reply = MessageFactory(
        consultation=filed, author=people["staff_partner"], body="<p>共同調達先の返信</p>"
    )

    own_export = Export.objects.create(
        requester=people["staff_own"],
        language="ja",
        state=Export.State.READY,
        stored_name="built.csv",
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    expired_export = Export.objects.create(
        requester=people["staff_own"],
        language="ja",
        state=Export.State.READY,
        stored_name="old.csv",
        expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )

    def attachment(internal):
        return AttachmentFactory.build(consultation=filed, internal=internal, uploaded_by=advisor)

    return {
        **world,
        "people": people,
        "consultation": filed,
        "resolved": resolved,
        "note": note,
        "reply_by_staff_own": reply,
        "reply_by_staff_partner": partner_reply,
        "own_export": own_export,
        "expired_export": expired_export,
        "public_file": attachment(False),
        "internal_file": attachment(True),
        "staff_own_membership": people["staff_own"].current_membership,
        "handover": handovers.handover_request(
            actor=member(Role.STAFF, world["own"]),
            leaver_membership_id=people["staff_own"].current_membership.pk,
            successor=member(Role.STAFF, world["own"]),
        ),
    }


DESK_ADVISOR_ADMIN = on_desk("advisor", "admin", "superuser_without_membership")
# Every owning municipality's staff (the filer and its partners) and the advisors.
OWNERS_AND_ADVISORS = on_desk(
    "staff_own", "staff_partner", "advisor", "admin", "superuser_without_membership"
)
# The filing municipality's staff and the advisors: partners do not steer the consultation.
STAFF_OWN_AND_ADVISORS = on_desk("staff_own", "advisor", "admin", "superuser_without_membership")
ACTIVE_STAFF_AND_ADVISORS = on_desk(
    "staff_own", "staff_other", "staff_partner", "advisor", "admin", "superuser_without_membership"
)

DESK_MATRIX = [
    ("consultation.list", None, {}, ACTIVE_STAFF_AND_ADVISORS),
    ("consultation.file", None, {}, on_desk("staff_own", "staff_other", "staff_partner")),
    ("consultation.view", "consultation", {}, OWNERS_AND_ADVISORS),
    ("consultation.view_internal", "consultation", {}, DESK_ADVISOR_ADMIN),
    ("consultation.assign", "consultation", {}, DESK_ADVISOR_ADMIN),
    ("consultation.follow", "consultation", {}, DESK_ADVISOR_ADMIN),
    ("consultation.reply", "consultation", {}, OWNERS_AND_ADVISORS),
    ("consultation.note", "consultation", {}, DESK_ADVISOR_ADMIN),
    ("consultation.transition", "consultation", {"to": "in_progress"}, DESK_ADVISOR_ADMIN),
    ("consultation.transition", "consultation", {"to": "resolved"}, DESK_ADVISOR_ADMIN),
    ("consultation.transition", "consultation", {"to": "withdrawn"}, on_desk("staff_own")),
    ("consultation.transition", "consultation", {"to": "closed"}, DESK_ADVISOR_ADMIN),
    ("consultation.transition", "resolved", {"to": "closed"}, STAFF_OWN_AND_ADVISORS),
    ("consultation.transition", "resolved", {"to": "in_progress"}, STAFF_OWN_AND_ADVISORS),
    ("consultation.rate", "consultation", {}, on_desk()),
    ("consultation.rate", "resolved", {}, on_desk("staff_own")),
    (
        "consultation.view_dashboard",
        None,
        {},
        on_desk("advisor", "official", "admin", "superuser_without_membership"),
    ),
    ("message.edit", "reply_by_staff_own", {}, on_desk("staff_own")),
    ("message.edit", "reply_by_staff_partner", {}, on_desk("staff_partner")),
    ("message.edit", "note", {}, on_desk("advisor")),
    ("attachment.download", "public_file", {}, OWNERS_AND_ADVISORS),
    ("attachment.download", "internal_file", {}, DESK_ADVISOR_ADMIN),
    ("visit.request", "own", {}, STAFF_OWN_AND_ADVISORS),
    ("visit.list", None, {}, ACTIVE_STAFF_AND_ADVISORS),
    ("visit.schedule", None, {}, DESK_ADVISOR_ADMIN),
    ("export.list", None, {}, ACTIVE_STAFF_AND_ADVISORS),
    # An export is its requester's alone, advisors' and admins' included, and only until it expires.
    ("export.download", "own_export", {}, on_desk("staff_own")),
    ("export.download", "expired_export", {}, on_desk()),
    # Asking moves nothing: the leaver themself and the advisors may ask, as colleagues may (below).
    ("handover.request", "staff_own_membership", {}, STAFF_OWN_AND_ADVISORS),
    # A colleague asked for staff_own's hand-over; only the leaver, advisors and admins decide it.
    ("handover.view", "handover", {}, STAFF_OWN_AND_ADVISORS),
    ("handover.confirm", "handover", {}, STAFF_OWN_AND_ADVISORS),
    ("handover.refuse", "handover", {}, STAFF_OWN_AND_ADVISORS),
    ("handover.cancel", "handover", {}, on_desk()),
    (
        "notification.list",
        None,
        {},
        on_desk(
            "staff_own",
            "staff_other",
            "staff_partner",
            "advisor",
            "official",
            "admin",
            "superuser_without_membership",
        ),
    ),
]


class TestDesk:
    @pytest.mark.parametrize("persona", DESK_PERSONAS)
    @pytest.mark.parametrize(
        ("action", "target", "context", "expected"),
        DESK_MATRIX,
        ids=lambda v: v if isinstance(v, str) else "",
    )
    def test_desk_access_matrix(self, desk, persona, action, target, context, expected):
        user = desk["people"][persona]
        obj = desk[target] if target else None
        assert access.can(user, action, obj, **context) is expected[persona]

    @pytest.mark.parametrize("persona", DESK_PERSONAS)
    def test_consultations_for_limits_staff_to_their_municipality(self, desk, persona):
        visible = set(desk_policy.consultations_for(desk["people"][persona]))
        expected = {desk["consultation"], desk["resolved"]} if OWNERS_AND_ADVISORS[persona] else set()
        assert visible == expected

    def test_a_colleague_of_the_same_municipality_may_ask_for_a_leavers_hand_over(self, desk):
        colleague = member(Role.STAFF, desk["own"])
        assert access.can(colleague, "handover.request", desk["staff_own_membership"])

    def test_the_colleague_who_asked_may_cancel_but_not_confirm_or_refuse(self, desk):
        handover = desk["handover"]
        requester = handover.requested_by
        assert access.can(requester, "handover.cancel", handover)
        assert not access.can(requester, "handover.confirm", handover)
        assert not access.can(requester, "handover.refuse", handover)

    def test_the_successor_may_see_but_not_confirm_a_hand_over_to_them(self, desk):
        successor = desk["handover"].successor
        assert access.can(successor, "handover.view", desk["handover"])
        assert not access.can(successor, "handover.confirm", desk["handover"])

    @pytest.mark.parametrize("persona", DESK_PERSONAS)
    def test_handover_requests_for_follows_the_view_rule(self, desk, persona):
        user = desk["people"][persona]
        visible = access.handover_requests_for(user).filter(pk=desk["handover"].pk).exists()
        assert visible is access.can(user, "handover.view", desk["handover"])

    @pytest.mark.parametrize("persona", DESK_PERSONAS)
    def test_handover_requests_to_decide_for_follows_the_confirm_rule(self, desk, persona):
        user = desk["people"][persona]
        listed = access.handover_requests_to_decide_for(user).filter(pk=desk["handover"].pk).exists()
        assert listed is access.can(user, "handover.confirm", desk["handover"])


# --- The know-how exchange ------------------------------------------------------------------------


@pytest.fixture(scope="class")
def _knowhow(django_db_setup, django_db_blocker):
    yield from built_once(django_db_blocker, lambda: build_knowhow(build_world()))


@pytest.fixture
def knowhow(_knowhow):
    return copy.deepcopy(_knowhow)


def build_knowhow(world):
    from knowhow import moderation, services
    from knowhow.models import Attachment
    from portal import material

    people = world["people"]

    def post(author, **fields):
        values = {"kind": "question", "title": "LGWAN接続系でWeb会議を使う方法", "body": "教えてください。"}
        return services.post_create(actor=people[author], **{**values, **fields})

    question = post("staff_own")
    obsolete = post("staff_own", title="廃止された手順")
    services.post_mark_obsolete(post_id=obsolete.pk, actor=people["advisor"])
    obsolete.refresh_from_db()
    hidden = post("staff_own", title="通報で非公開になった投稿")
    moderation.moderation_decide(
        actor=people["advisor"], post_id=hidden.pk, decision="kept_hidden", reason="個人情報"
    )
    hidden.refresh_from_db()
    draft = post("staff_own", kind="tip", publish=False)

    def file_on(target):
        return Attachment.objects.create(
            post=target,
            name="仕様書.pdf",
            stored_name="x",
            content_type="application/pdf",
            size=1,
            uploaded_by=people["staff_own"],
        )

    home_page()
    other = people["staff_other"].current_membership.municipality
    faqs = _faqs(people)
    return {
        "hidden": hidden,
        **faqs,
        **{
            f"{name}_file": file_on(faqs[name])
            for name in ("faq_draft", "faq_asked", "faq_published", "faq_lapsed")
        },
        **world,
        # 「この団体に聞く」 asks the municipalities of a case study, as portal.material lends it.
        "case_material": material.of(
            case_study(title="共同利用の事例", municipalities=[world["own"], other])
        ),
        "own_case_material": material.of(case_study(title="単独の事例", municipalities=[world["own"]])),
        "question": question,
        "anonymous_question": post("staff_own", anonymous=True),
        "draft": draft,
        "template": post("staff_own", kind="template", title="SLA チェックリスト"),
        "file": file_on(question),
        "draft_file": file_on(draft),
        "tip": post("staff_other", kind="tip"),
        "obsolete": obsolete,
        "answer": services.answer_create(
            post_id=question.pk, actor=people["staff_other"], body="仮想ブラウザです。"
        ),
    }


def _faqs(people):
    """FAQs made from consultations staff_own's municipality filed, one in each state of consent, and the
    material of a resolved and of an open consultation. A lapsed one was consented, then edited."""
    from consultations import services as desk
    from consultations.models import Status
    from knowhow import faq, services
    from portal import material

    advisor, requester = people["advisor"], people["staff_own"]

    def settled():
        c = consultation(requester)
        desk.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.IN_PROGRESS)
        desk.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
        return c

    def made(*steps):
        c = settled()
        post = faq.faq_create(actor=advisor, source="consultation", source_pk=c.pk, title="FAQ", body="本文")
        for step in steps:
            post.refresh_from_db()
            step(post)
        post.refresh_from_db()
        return post

    def ask(post):
        faq.faq_request_consent(post_id=post.pk, actor=advisor)

    def consent(post):
        faq.faq_consent(post_id=post.pk, actor=requester, version=post.version)

    def refuse(post):
        faq.faq_refuse(post_id=post.pk, actor=requester, reason="まだです")

    def withdraw(post):
        faq.faq_withdraw(post_id=post.pk, actor=requester, reason="撤回します")

    def edit(post):
        services.post_update(
            post_id=post.pk,
            actor=advisor,
            kind="faq",
            title=post.title,
            body="書き直した本文",
            anonymous=False,
        )

    return {
        "settled_material": material.of(settled()),
        "open_material": material.of(consultation(requester)),
        "faq_draft": made(),
        "faq_asked": made(ask),
        "faq_refused": made(ask, refuse),
        "faq_published": made(ask, consent),
        "faq_withdrawn": made(ask, consent, withdraw),
        "faq_lapsed": made(ask, consent, edit),
    }


# Every active member reads; everyone but officials writes.
MEMBERS = allowed("staff_own", "staff_other", "advisor", "official", "admin", "superuser_without_membership")
WRITERS = allowed("staff_own", "staff_other", "advisor", "admin", "superuser_without_membership")
NOBODY = allowed()

KNOWHOW_MATRIX = [
    ("post.list", None, MEMBERS),
    ("post.create", None, WRITERS),
    ("post.view", "question", MEMBERS),
    ("post.view", "draft", allowed("staff_own")),
    ("post.view_revisions", "question", MEMBERS),
    ("post.view_revisions", "draft", allowed("staff_own")),
    ("post.edit", "question", allowed("staff_own")),
    ("post.edit", "tip", allowed("staff_other")),
    ("post.publish", "draft", allowed("staff_own")),
    ("post.publish", "question", NOBODY),
    (
        "post.mark_obsolete",
        "question",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    # Again: the reason on the banner is corrected.
    (
        "post.mark_obsolete",
        "obsolete",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    ("post.mark_obsolete", "draft", NOBODY),
    ("post.verify", "question", ADVISOR_ADMIN),
    ("post.verify", "draft", NOBODY),
    # Not one's own post, and officials do not mark.
    (
        "post.mark_helpful",
        "question",
        allowed("staff_other", "advisor", "admin", "superuser_without_membership"),
    ),
    ("post.mark_helpful", "draft", NOBODY),
    # A municipality has "the same problem" as another municipality's question.
    ("post.mark_same_problem", "question", allowed("staff_other")),
    ("post.mark_same_problem", "tip", NOBODY),
    ("post.comment", "question", WRITERS),
    ("post.comment", "draft", NOBODY),
    ("post.comment", "obsolete", NOBODY),
    ("post.answer", "question", WRITERS),
    ("post.answer", "tip", NOBODY),
    ("post.answer", "obsolete", NOBODY),
    ("contribution.reveal_author", "question", MEMBERS),
    (
        "contribution.reveal_author",
        "anonymous_question",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    ("answer.accept", "answer", allowed("staff_own", "advisor", "admin", "superuser_without_membership")),
    ("answer.verify", "answer", ADVISOR_ADMIN),
    (
        "answer.mark_helpful",
        "answer",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    # A hidden post: its author and the advisors; nobody answers, comments or marks it meanwhile.
    ("post.view", "hidden", allowed("staff_own", "advisor", "admin", "superuser_without_membership")),
    ("post.comment", "hidden", NOBODY),
    ("post.mark_helpful", "hidden", NOBODY),
    # Every reader flags, officials too, but not their own post nor a draft or a hidden one.
    (
        "post.flag",
        "tip",
        allowed("staff_own", "advisor", "official", "admin", "superuser_without_membership"),
    ),
    ("post.flag", "draft", NOBODY),
    ("post.flag", "hidden", NOBODY),
    ("post.moderate", "question", ADVISOR_ADMIN),
    ("post.moderate", "hidden", ADVISOR_ADMIN),
    ("post.moderate", "draft", NOBODY),
    ("moderation.queue", None, ADVISOR_ADMIN),
    (
        "post.view_moderation_log",
        "hidden",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    (
        "post.view_moderation_log",
        "tip",
        allowed("staff_other", "advisor", "admin", "superuser_without_membership"),
    ),
    # Following: whoever may read may follow, officials included.
    ("post.watch", "question", MEMBERS),
    ("post.watch", "draft", allowed("staff_own")),
    ("topic.watch", None, MEMBERS),
    ("following.view", None, MEMBERS),
    # Sources are the author's to cite; advisors see what is due for review and confirm it.
    ("post.cite", "question", allowed("staff_own")),
    ("post.cite", "tip", allowed("staff_other")),
    ("post.review_queue", None, ADVISOR_ADMIN),
    ("post.mark_checked", "question", ADVISOR_ADMIN),
    ("post.mark_checked", "obsolete", NOBODY),
    ("post.mark_checked", "draft", NOBODY),
    ("post_file.download", "file", MEMBERS),
    ("post_file.download", "draft_file", allowed("staff_own")),
    # Another municipality's staff make their own version of a published template.
    ("post.derive", "template", allowed("staff_other")),
    ("post.derive", "tip", NOBODY),
    ("post.derive", "draft", NOBODY),
    # FAQs from solved consultations: advisors make them and see them in every state; the owning
    # municipality's staff see them once their consent is asked (not while a change lapsed it), and decide.
    ("faq.create", "settled_material", ADVISOR_ADMIN),
    ("faq.create", "open_material", NOBODY),
    ("post.view", "faq_draft", ADVISOR_ADMIN),
    ("post.view", "faq_asked", allowed("staff_own", "advisor", "admin", "superuser_without_membership")),
    ("post.view", "faq_refused", allowed("staff_own", "advisor", "admin", "superuser_without_membership")),
    ("post.view", "faq_published", MEMBERS),
    ("post.view", "faq_withdrawn", allowed("staff_own", "advisor", "admin", "superuser_without_membership")),
    # Any advisor edits a FAQ (a leftover name comes out while its author is away).
    ("post.edit", "faq_draft", ADVISOR_ADMIN),
    ("post.edit", "faq_published", ADVISOR_ADMIN),
    # A FAQ's earlier texts (unmasked, or refused): advisors and the owning municipality's staff only.
    ("post.view_revisions", "faq_draft", ADVISOR_ADMIN),
    (
        "post.view_revisions",
        "faq_asked",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    (
        "post.view_revisions",
        "faq_refused",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    (
        "post.view_revisions",
        "faq_published",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    (
        "post.view_revisions",
        "faq_withdrawn",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    # Never published by its author alone: by consent only.
    ("post.publish", "faq_draft", NOBODY),
    (
        "post.mark_helpful",
        "faq_published",
        allowed("staff_own", "staff_other", "admin", "superuser_without_membership"),
    ),
    ("faq.view_origin", "faq_published", ADVISOR_ADMIN),
    ("faq.request_consent", "faq_draft", ADVISOR_ADMIN),
    ("faq.request_consent", "faq_refused", ADVISOR_ADMIN),
    ("faq.request_consent", "faq_withdrawn", ADVISOR_ADMIN),
    ("faq.request_consent", "faq_asked", NOBODY),
    ("faq.request_consent", "faq_published", NOBODY),
    ("faq.consent", "faq_asked", allowed("staff_own")),
    ("faq.consent", "faq_refused", NOBODY),
    ("faq.consent", "faq_published", NOBODY),
    ("faq.refuse", "faq_asked", allowed("staff_own")),
    ("faq.refuse", "faq_draft", NOBODY),
    ("faq.withdraw", "faq_published", allowed("staff_own")),
    ("faq.withdraw", "faq_asked", NOBODY),
    ("faq.withdraw", "faq_withdrawn", NOBODY),
    # Who consented names the municipality: not for other readers.
    (
        "faq.view_consent",
        "faq_published",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    (
        "faq.view_consent",
        "faq_withdrawn",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    ("faq.view_consent", "faq_draft", ADVISOR_ADMIN),
    # Consent lapsed by a change: back with the advisors (unpublished) until they ask again.
    ("post.view", "faq_lapsed", ADVISOR_ADMIN),
    ("post.edit", "faq_lapsed", ADVISOR_ADMIN),
    ("post.cite", "faq_published", ADVISOR_ADMIN),
    ("post.view_revisions", "faq_lapsed", ADVISOR_ADMIN),
    ("faq.request_consent", "faq_lapsed", ADVISOR_ADMIN),
    ("faq.consent", "faq_lapsed", NOBODY),
    ("faq.refuse", "faq_lapsed", NOBODY),
    ("faq.withdraw", "faq_lapsed", NOBODY),
    ("faq.view_consent", "faq_lapsed", ADVISOR_ADMIN),
    # A FAQ's files follow the FAQ.
    ("post_file.download", "faq_draft_file", ADVISOR_ADMIN),
    (
        "post_file.download",
        "faq_asked_file",
        allowed("staff_own", "advisor", "admin", "superuser_without_membership"),
    ),
    ("post_file.download", "faq_published_file", MEMBERS),
    ("post_file.download", "faq_lapsed_file", ADVISOR_ADMIN),
    ("vendor_name.manage", None, ADVISOR_ADMIN),
    # 「この団体に聞く」: whoever writes, when the case has a municipality other than their own.
    ("post.ask", "case_material", WRITERS),
    (
        "post.ask",
        "own_case_material",
        allowed("staff_other", "advisor", "admin", "superuser_without_membership"),
    ),
    ("post.ask", None, NOBODY),
    # Shared problems: advisors invite, officials read; anonymous askers are named to advisors.
    ("shared_problems.view", None, allowed("advisor", "official", "admin", "superuser_without_membership")),
    ("shared_problems.invite", None, ADVISOR_ADMIN),
    ("shared_problems.name_anonymous", None, ADVISOR_ADMIN),
]


class TestKnowhow:
    @pytest.mark.parametrize("persona", PERSONAS)
    def test_knowhow_access_matrix(self, knowhow, persona):
        """The whole table for one persona at a time: a failure lists every (action, target) that differs."""
        user = knowhow["people"][persona]
        decided = {
            (action, target): access.can(user, action, knowhow[target] if target else None)
            for action, target, _expected in KNOWHOW_MATRIX
        }
        assert decided == {(action, target): expected[persona] for action, target, expected in KNOWHOW_MATRIX}

    @pytest.mark.parametrize("persona", PERSONAS)
    def test_posts_for_follows_the_view_rule(self, knowhow, persona):
        from knowhow import policy as knowhow_policy

        user = knowhow["people"][persona]
        visible = set(knowhow_policy.posts_for(user))
        posts = ["question", "anonymous_question", "draft", "tip", "obsolete", "hidden", "template"]
        posts += ["faq_draft", "faq_asked", "faq_refused", "faq_published", "faq_withdrawn", "faq_lapsed"]
        assert visible == {knowhow[name] for name in posts if access.can(user, "post.view", knowhow[name])}


def test_every_registered_action_has_a_row_in_the_matrix():
    in_matrix = (
        {row[0] for row in MATRIX}
        | {row[0] for row in DESK_MATRIX}
        | {row[0] for row in KNOWHOW_MATRIX}
        | {row[0] for row in PROCUREMENT_MATRIX}
        | {row[0] for row in SURVEYS_MATRIX}
        | {row[0] for row in EVENTS_MATRIX}
    )
    assert set(access.actions()) - in_matrix == set()
    assert in_matrix - set(access.actions()) == set()
