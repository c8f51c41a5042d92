"""portal.localize.ChoiceLabels: a model's choice labels in the reader's language, translated once."""

import pytest
from django.utils import translation

from consultations.models import Consultation, Status
from portal.models import Role
from tests.factories import consultation, member

pytestmark = pytest.mark.django_db


def test_a_label_follows_the_active_language_each_time_it_is_read():
    filed = consultation(member(Role.STAFF))
    filed.status = Status.WAITING
    with translation.override("ja"):
        assert filed.get_status_display() == "回答待ち"
    with translation.override("en"):
        assert filed.get_status_display() == "Waiting on municipality"
    with translation.override("ja"):
        assert filed.get_status_display() == "回答待ち"


def test_a_value_outside_the_choices_is_shown_as_it_is():
    assert Consultation(status="archived").get_status_display() == "archived"


def test_reading_many_labels_translates_each_choice_once_per_language(monkeypatch):
    from django.utils.translation import _trans

    calls = []
    real = _trans.gettext
    monkeypatch.setattr(_trans, "gettext", lambda message: calls.append(message) or real(message))
    rows = [Consultation(status=status, category="cloud") for status in Status.values * 10]
    with translation.override("de"):  # a language no earlier test has read labels in
        labels = [row.get_status_display() for row in rows]
    assert labels[: len(Status.values)] == [str(label) for label in Status.labels]
    assert len(calls) <= len(Status.values) + len(Status.labels)
