"""A survey naming a previous one starts a municipality's answer from its answers to the previous
survey's questions with the same label and kind, and says so on the page."""

import pytest

from surveys import services
from surveys.models import Survey
from tests.factories import survey
from tests.surveys.conftest import COMPLETE, posted

pytestmark = pytest.mark.django_db


def test_the_new_survey_prefills_matching_questions_and_says_they_must_be_checked(world, log_in):
    people = world["people"]
    last = world["survey"]
    services.response_save(
        actor=people["staff_own"], survey_id=last.pk, data=posted(last, COMPLETE), submit=True
    )
    Survey.objects.filter(pk=last.pk).update(state="closed")
    questions = [
        {
            "kind": "table",
            "label": "利用している基幹業務システム",
            "columns": [{"name": "システム", "kind": "text"}],
        },
        {"kind": "text", "label": "情報システム担当の職員数"},  # same label, another kind: not taken
    ]
    this_year = survey(
        people["advisor"],
        [world["kashiba"]],
        title="令和9年度 利用状況調査",
        previous=last,
        questions=questions,
    )
    client = log_in(people["staff_own"])
    text = client.get(f"/surveys/{this_year.pk}/answer/").content.decode()
    assert "前回の照会への貴団体の回答を、同じ質問に入れてあります" in text
    assert 'value="住民記録"' in text
    assert not this_year.responses.exists()  # GET writes nothing
    data = posted(this_year, {"利用している基幹業務システム": [["住民記録"]]})
    client.post(f"/surveys/{this_year.pk}/answer/", {**data.dict(), "action": "save", "prefilled": "1"})
    assert this_year.responses.get().prefilled
