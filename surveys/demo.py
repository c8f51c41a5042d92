"""Demo surveys for load_demo (order 510, after know-how's extra staff): last year's closed
「令和7年度 基幹業務システム等の利用状況調査」 with answers from most of the 39 municipalities (entered by the
advisor from the Excel files of that year), and this year's open survey asked of all 39, pre-filling
from it: 天理市, 橿原市, 斑鳩町 and 明日香村 submitted, 河合町 has a draft, 香芝市 has not started (the
"Done when" walk answers it). Written through the services where a municipality's staff act."""

import datetime

from django.http import QueryDict
from django.utils import timezone

from portal.models import Municipality, User
from surveys import answers, services
from surveys.models import Answer, Audience, QuestionKind, Response, ResponseState, Survey, SurveyState

OPEN_TITLE = "令和8年度 基幹業務システム等の利用状況調査"
CLOSED_TITLE = "令和7年度 基幹業務システム等の利用状況調査"
DESCRIPTION = (
    "標準準拠システムへの移行と共同利用の検討のため、基幹業務システム等の利用状況を伺います。"
    "契約終了日と年間費用は、分かる範囲でご記入ください。"
)
# Business areas (portal.SystemArea) and the names the procurement demo's inventory uses, so that a
# submitted answer's 「システム台帳を更新する」 updates those systems and adds the others.
SYSTEMS = {
    "住民記録": "住民情報システム",
    "税務": "税務システム",
    "国保": "国民健康保険システム",
    "財務会計": "財務会計システム",
    "人事給与": "人事給与システム",
}
VENDORS = [
    "奈良システム株式会社",
    "大和ネットワークサービス株式会社",
    "株式会社ヤマトデータ",
    "株式会社まほろば情報技術",
]
FORMS = ["単独でオンプレミス", "単独でクラウド", "共同利用（クラウド）"]
QUESTIONS = [
    {
        "kind": QuestionKind.TABLE,
        "label": "利用している基幹業務システム",
        "required": True,
        "help": "1行に1システム。業務分野は 住民記録・税務 などの分野名で、契約の日付は年月日で。",
        # its columns are the inventory feed's: a submitted answer can update the system inventory
        "feeds": "procurement.inventory",
    },
    {
        "kind": QuestionKind.SINGLE,
        "label": "基幹業務システムの主な利用形態",
        "required": True,
        "choices": FORMS,
    },
    {"kind": QuestionKind.NUMBER, "label": "情報システム担当の職員数", "required": True, "unit": "人"},
    {"kind": QuestionKind.YES_NO, "label": "他団体との共同利用に関心がありますか", "required": True},
    {
        "kind": QuestionKind.MULTIPLE,
        "label": "困っていること",
        "choices": ["費用", "人材", "移行作業", "事業者の選定"],
    },
    {"kind": QuestionKind.TEXT, "label": "県への要望"},
]
SUBMITTING = [
    "tenri.staff@example.jp",
    "kashihara.staff@example.jp",
    "ikaruga.staff@example.jp",
    "asuka.staff@example.jp",
]
DRAFTING = "kawai.staff@example.jp"


def _values(index: int) -> dict[str, object]:
    """A municipality's plausible answers, varied by its place in the list."""
    rows = [
        {
            "業務分野": area,
            "システム名": name,
            "事業者": VENDORS[(index + n) % len(VENDORS)],
            "パッケージ": "",
            "契約開始": datetime.date(2022 + (index + n) % 4, 4, 1).isoformat(),
            "契約終了": datetime.date(2027 + (index + n) % 4, 3, 31).isoformat(),
            "年額費用（円）": (1200 + 350 * ((index * 7 + n * 3) % 11)) * 1000,
        }
        for n, (area, name) in enumerate(list(SYSTEMS.items())[: 2 + index % 4])
    ]
    return {
        "利用している基幹業務システム": rows,
        "基幹業務システムの主な利用形態": FORMS[index % 3],
        "情報システム担当の職員数": 1 + index % 6,
        "他団体との共同利用に関心がありますか": "yes" if index % 4 else "no",
        "困っていること": ["費用", "人材"][: 1 + index % 2] + (["移行作業"] if index % 3 == 0 else []),
        "県への要望": "" if index % 3 else "共同調達の勉強会を開いてほしい。",
    }


def _posted(survey, values: dict) -> QueryDict:
    """The answer page's form as a member of staff would post it."""
    data = QueryDict(mutable=True)
    for question in survey.questions.all():
        value = values.get(question.label)
        if question.kind == QuestionKind.TABLE:
            data[answers.rows_name(question)] = str(len(value))
            for row, cells in enumerate(value):
                for column, spec in enumerate(question.columns):
                    data[answers.cell_name(question, row, column)] = str(cells[spec["name"]])
        elif question.kind == QuestionKind.MULTIPLE:
            data.setlist(answers.field_name(question), value)
        elif value not in (None, ""):
            data[answers.field_name(question)] = str(value)
    return data


def _build(advisor, title, deadline, previous=None) -> Survey:
    survey = services.survey_create(
        actor=advisor,
        title=title,
        description=DESCRIPTION,
        deadline=deadline,
        audience=Audience.ALL,
        results_visible_to_municipalities=True,
        visible_to_officials=True,
        previous=previous,
    )
    for question in QUESTIONS:
        services.question_add(actor=advisor, survey_id=survey.pk, **question)
    return survey


def _closed(advisor) -> Survey:
    now = timezone.now()
    survey = _build(advisor, CLOSED_TITLE, timezone.make_aware(datetime.datetime(now.year - 1, 6, 30, 17, 0)))
    Survey.objects.filter(pk=survey.pk).update(
        state=SurveyState.CLOSED,
        opened_at=survey.deadline - datetime.timedelta(days=30),
        closed_at=survey.deadline,
    )
    questions = {question.label: question for question in survey.questions.all()}
    for index, municipality in enumerate(Municipality.objects.order_by("code")):
        if index % 9 == 8:
            continue  # a few did not answer last year
        response = Response.objects.create(
            survey=survey,
            municipality=municipality,
            state=ResponseState.SUBMITTED,
            saved_by=advisor,
            submitted_by=advisor,
            submitted_at=survey.deadline - datetime.timedelta(days=index % 10),
        )
        for label, value in _values(index).items():
            Answer.objects.create(response=response, question=questions[label], value=value or None)
    return survey


def load(password: str) -> str:
    if Survey.objects.filter(title=OPEN_TITLE).exists():
        return "surveys: demo surveys already there"
    advisor = User.objects.get(email="advisor@example.jp")
    previous = _closed(advisor)
    deadline = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=21), datetime.time(17, 0))
    )
    survey = _build(advisor, OPEN_TITLE, deadline, previous=previous)
    services.survey_open(actor=advisor, survey_id=survey.pk)
    codes = list(Municipality.objects.order_by("code").values_list("pk", flat=True))
    for email in [*SUBMITTING, DRAFTING]:
        staff = User.objects.filter(email=email).first()
        if staff is None:
            continue
        municipality = staff.current_membership.municipality
        values = _values(codes.index(municipality.pk) + 1)
        if email == DRAFTING:
            values = {label: value for label, value in values.items() if label != "情報システム担当の職員数"}
        services.response_save(
            actor=staff, survey_id=survey.pk, data=_posted(survey, values), submit=email != DRAFTING
        )
    return "surveys: an open survey asked of all 39 (4 submitted, 1 draft) and last year's closed one"
