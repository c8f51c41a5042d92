"""The desk lends a consultation to other apps as material: its public thread only."""

import pytest

from consultations import services
from consultations.models import Status
from portal import material
from tests.factories import consultation

pytestmark = pytest.mark.django_db


def _resolved(desk):
    c, advisor = desk["c"], desk["people"]["advisor"]
    services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    return c


def test_a_consultation_lends_its_body_and_public_replies_never_its_internal_notes(desk):
    lent = material.of(desk["c"])

    assert lent.source == "consultation" and lent.label == desk["c"].reference
    assert lent.title == "住民記録システムの更改"
    assert lent.texts == (
        "来年度の住民記録システム更改で、近隣町と共同調達を検討しています。",
        "回答：共同調達をお勧めします",
    )
    assert not any("内部メモ" in text for text in lent.texts)
    assert lent.url == f"/consultations/{desk['c'].reference}/"


def test_the_people_on_the_public_thread_are_named_in_full_and_by_family_and_given_name(desk):
    requester, advisor = desk["people"]["staff_own"], desk["people"]["advisor"]
    lent = material.of(desk["c"])

    for person in (requester, advisor):
        assert {person.get_full_name(), person.last_name, person.first_name} <= set(lent.people)


def test_the_filing_municipality_owns_the_matter_and_the_requester_speaks_for_it(desk):
    lent = material.get("consultation", desk["c"].pk)

    assert lent.owner == desk["own"]
    assert lent.owner_contact == desk["people"]["staff_own"]


def test_only_a_resolved_or_closed_consultation_is_settled(desk):
    assert material.of(desk["c"]).settled is False
    _resolved(desk)
    assert material.of(desk["c"]).settled is True
    services.consultation_transition(
        consultation_id=desk["c"].pk, actor=desk["people"]["staff_own"], to=Status.CLOSED
    )
    assert material.of(desk["c"]).settled is True


def test_an_unknown_consultation_lends_nothing(desk):
    assert material.get("consultation", consultation().pk + 1000) is None


def test_the_body_is_lent_as_plain_text(desk):
    c = consultation(
        desk["people"]["staff_own"], body="<p>一行目</p><p>二行目 &amp; <strong>強調</strong></p>"
    )
    assert material.of(c).texts[0] == "一行目\n二行目 & 強調"
