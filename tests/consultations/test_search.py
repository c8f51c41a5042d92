"""Consultations as search documents: found by exactly the people `consultation.view` admits."""

import pytest
from django.contrib.auth.models import AnonymousUser

from consultations import services
from consultations.search import CONSULTATION
from portal import access
from portal.models import Membership, Role
from tests.factories import MunicipalityFactory, consultation, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint_consultation():
    filer, partner = MunicipalityFactory(), MunicipalityFactory()
    return consultation(member(Role.STAFF, filer), joint=[partner]), filer, partner


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


def test_visibility_admits_exactly_whom_the_access_rule_admits(joint_consultation):
    c, filer, partner = joint_consultation
    visibility = CONSULTATION.visibility(c)

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

    document = CONSULTATION.document(c)

    assert document["reference"] == c.reference
    assert document["body"] == "来年度の住民記録システム更改で、近隣町と共同調達を検討しています。"
    assert "内部の検討メモ" not in str(document)
    assert document["visibility"]["public"] is False
