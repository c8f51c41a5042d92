"""Consultations as search documents: found by exactly the people `consultation.view` admits."""

import pytest
from django.contrib.auth.models import AnonymousUser

from consultations import services
from consultations.models import Status
from consultations.search import CONSULTATION
from portal import access
from portal.models import Membership, Role
from search.documents import CONSULTATIONS, alias
from tests.conftest import index_now
from tests.factories import MunicipalityFactory, consultation, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint_consultation():
    filer, partner = MunicipalityFactory(), MunicipalityFactory()
    return consultation(member(Role.STAFF, filer), joint=[partner]), filer, partner


def indexed(c):
    """``c`` as the indexer reads it: from the document type's queryset, with what prepare reads."""
    return CONSULTATION.queryset().get(pk=c.pk)


def readers(filer, partner):
    return {
        "staff of the filing municipality": member(Role.STAFF, filer),
        "staff of the joint partner": member(Role.STAFF, partner),
        "staff of another municipality": member(Role.STAFF, MunicipalityFactory()),
        "pending staff of the filing municipality": member(Role.STAFF, filer, state=Membership.State.PENDING),
        "advisor": member(Role.ADVISOR),
        "admin": member(Role.ADMIN),
        "official": member(Role.OFFICIAL),
        "ended advisor": member(Role.ADVISOR, state=Membership.State.ENDED),
        "anonymous visitor": AnonymousUser(),
    }


READERS_TABLE = [
    # (who, relation to the consultation, found and allowed)
    ("staff", "filing", Membership.State.ACTIVE, True),
    ("staff", "partner", Membership.State.ACTIVE, True),
    ("staff", "other", Membership.State.ACTIVE, False),
    ("staff", "filing", Membership.State.PENDING, False),
    ("staff", "partner", Membership.State.ENDED, False),
    ("advisor", None, Membership.State.ACTIVE, True),
    ("advisor", None, Membership.State.ENDED, False),
    ("advisor", None, Membership.State.PENDING, False),
    ("admin", None, Membership.State.ACTIVE, True),
    ("official", None, Membership.State.ACTIVE, False),
    ("anonymous", None, None, False),
]


@pytest.mark.parametrize(("role", "relation", "state", "expected"), READERS_TABLE)
def test_the_document_admits_whom_consultation_view_admits(
    joint_consultation, role, relation, state, expected
):
    c, filer, partner = joint_consultation
    if role == "anonymous":
        user = AnonymousUser()
    else:
        municipality = {"filing": filer, "partner": partner, "other": MunicipalityFactory(), None: None}[
            relation
        ]
        user = member(role, municipality, state=state)

    found = CONSULTATION.visibility(indexed(c)).admits(user)
    checked = CONSULTATION.access_queryset().get(pk=c.pk)  # as a result page checks its hits

    assert (found, access.can(user, CONSULTATION.view_action, checked)) == (expected, expected)


def test_visibility_admits_exactly_whom_the_access_rule_admits(joint_consultation):
    c, filer, partner = joint_consultation
    visibility = CONSULTATION.visibility(indexed(c))

    decisions = {
        who: (visibility.admits(user), access.can(user, CONSULTATION.view_action, c))
        for who, user in readers(filer, partner).items()
    }

    assert {who for who, (found, allowed) in decisions.items() if found != allowed} == set()
    assert decisions["staff of the joint partner"] == (True, True)
    assert decisions["staff of another municipality"] == (False, False)


def test_a_consultation_document_is_plain_text_without_internal_notes(joint_consultation):
    c, _, _ = joint_consultation
    services.message_post(
        consultation_id=c.pk, actor=member(Role.ADVISOR), body="内部の検討メモ", internal=True
    )

    document = CONSULTATION.document(indexed(c))

    assert document["reference"] == c.reference
    assert document["body"] == "来年度の住民記録システム更改で、近隣町と共同調達を検討しています。"
    assert "内部の検討メモ" not in str(document)
    assert document["visibility"]["public"] is False


def test_a_joint_consultation_document_names_the_filer_and_its_partners(joint_consultation):
    c, filer, partner = joint_consultation

    document = CONSULTATION.document(indexed(c))

    assert document["municipalities"] == sorted([str(filer.pk), str(partner.pk)])
    assert document["author_municipality"] == str(filer.pk)
    assert document["visibility"]["municipalities"] == sorted([filer.pk, partner.pk])
    assert document["status"] == "new" and document["category"] == "procurement"


def held(es, c) -> dict | None:
    response = es.options(ignore_status=404).get(
        index=alias(CONSULTATIONS), id=CONSULTATION.document_id(c.pk)
    )
    return response["_source"] if response.get("found") else None


def test_every_reply_is_in_the_document_and_no_internal_note_is(joint_consultation, search_indexes):
    c, _, partner = joint_consultation
    advisor = member(Role.ADVISOR)
    services.message_post(consultation_id=c.pk, actor=advisor, body="<p>最初の回答です。</p>")
    index_now()
    services.message_post(consultation_id=c.pk, actor=advisor, body="<p>二度目の回答です。</p>")
    services.message_post(
        consultation_id=c.pk, actor=member(Role.STAFF, partner), body="<p>共同で進めます。</p>"
    )
    services.message_post(consultation_id=c.pk, actor=advisor, body="<p>内部の検討メモ</p>", internal=True)
    index_now()

    body = held(search_indexes, c)["body"]

    assert "最初の回答です。" in body and "二度目の回答です。" in body and "共同で進めます。" in body
    assert "内部の検討メモ" not in body


def test_an_edited_reply_is_current_in_the_document(joint_consultation, search_indexes):
    c, _, _ = joint_consultation
    advisor = member(Role.ADVISOR)
    services.message_post(consultation_id=c.pk, actor=advisor, body="<p>最初の回答です。</p>")
    services.message_post(consultation_id=c.pk, actor=advisor, body="<p>誤字のある回答</p>")
    index_now()
    message = c.messages.order_by("pk").last()

    services.message_edit(message_id=message.pk, actor=advisor, body="<p>直した回答</p>")
    index_now()

    body = held(search_indexes, c)["body"]
    assert "直した回答" in body and "誤字のある回答" not in body


def test_a_status_transition_is_in_the_document(joint_consultation, search_indexes):
    c, _, _ = joint_consultation
    advisor = member(Role.ADVISOR)
    index_now()
    assert held(search_indexes, c)["status"] == Status.NEW

    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    index_now()

    assert held(search_indexes, c)["status"] == Status.RESOLVED
