import pytest
from django.http import QueryDict

from portal.models import Membership, Role
from surveys import answers
from surveys.models import SurveyBuilder
from tests.factories import MunicipalityFactory, member, survey


def build_world():
    """香芝市 and 河合町 asked, 王寺町 not; two staff of 香芝市, advisors, officials (one with the right to
    build surveys), a consultant and a pending member; one open survey asked of 香芝市 and 河合町."""
    kashiba = MunicipalityFactory(name="香芝市", kana="かしばし")
    kawai = MunicipalityFactory(name="河合町", kana="かわいちょう")
    oji = MunicipalityFactory(name="王寺町", kana="おうじちょう")
    people = {
        "staff_own": member(Role.STAFF, kashiba),
        "colleague": member(Role.STAFF, kashiba),
        "staff_other": member(Role.STAFF, kawai),
        "staff_unasked": member(Role.STAFF, oji),
        "advisor": member(Role.ADVISOR),
        "official": member(Role.OFFICIAL),
        "builder_official": member(Role.OFFICIAL),
        "consultant": member(Role.CONSULTANT),
        "pending": member(Role.STAFF, kashiba, state=Membership.State.PENDING),
    }
    SurveyBuilder.objects.create(user=people["builder_official"], granted_by=people["advisor"])
    return {
        "kashiba": kashiba,
        "kawai": kawai,
        "oji": oji,
        "people": people,
        "survey": survey(people["advisor"], [kashiba, kawai]),
    }


@pytest.fixture
def world(db):
    return build_world()


def posted(survey, by_label: dict) -> QueryDict:
    """The answer page's form as a member of staff fills it: values by question label (a table's as a
    list of rows of strings)."""
    data = QueryDict(mutable=True)
    for question in survey.questions.all():
        if question.label not in by_label:
            continue
        value = by_label[question.label]
        if question.kind == "table":
            data[answers.rows_name(question)] = str(len(value))
            for row, cells in enumerate(value):
                for column, cell in enumerate(cells):
                    data[answers.cell_name(question, row, column)] = cell
        elif question.kind == "multiple":
            data.setlist(answers.field_name(question), value)
        else:
            data[answers.field_name(question)] = value
    return data


COMPLETE = {
    "利用している基幹業務システム": [["住民記録", "奈良システム株式会社", "2028-03-31", "4,200"]],
    "主な利用形態": "単独",
    "情報システム担当の職員数": "３",
    "共同利用に関心がありますか": "yes",
    "困っていること": ["費用", "人材"],
    "次の更改予定日": "2028/4/1",
    "県への要望": "共同調達の勉強会を開いてほしい。",
}
