"""The results of a survey as one comparable table (asked municipalities in 五十音順 × questions), the
charts of its choice and number questions, and the same table for the exports."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from portal.models import Municipality
from surveys import answers
from surveys.models import ANSWERED, QuestionKind

CHART_WIDTH = 360  # the longest bar, in SVG units
CHARTED = (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.NUMBER)


@dataclass
class Row:
    municipality: Municipality
    response: object
    status: str
    cells: list[str] = field(default_factory=list)

    @property
    def answered(self) -> bool:
        return self.response is not None and self.response.state in ANSWERED


@dataclass
class Bar:
    label: str
    value: float
    text: str
    width: int = 0
    y: int = 0


@dataclass
class Chart:
    question: object
    bars: list[Bar]
    height: int = 0


def status_of(response) -> str:
    if response is None:
        return _("未着手")
    return response.get_state_display()


def table(survey):
    """(questions, rows): one row per asked municipality in display order, answered cells filled."""
    questions = list(survey.questions.all())
    responses = {
        response.municipality_id: response for response in survey.responses.prefetch_related("answers")
    }
    rows = []
    for municipality in Municipality.in_display_order(survey.municipalities.all()):
        response = responses.get(municipality.pk)
        row = Row(municipality, response, status_of(response))
        values = {a.question_id: a.value for a in response.answers.all()} if response and row.answered else {}
        row.cells = [answers.as_text(question, values.get(question.pk)) for question in questions]
        row.values = values
        rows.append(row)
    return questions, rows


def not_answered(rows):
    """Who has not answered: with a draft (or reopened) and with nothing yet."""
    drafts = [r for r in rows if r.response is not None and not r.answered]
    nothing = [r for r in rows if r.response is None]
    return drafts, nothing


def _scaled(bars: list[Bar]) -> list[Bar]:
    top = max((bar.value for bar in bars), default=0) or 1
    for index, bar in enumerate(bars):
        bar.width = round(CHART_WIDTH * bar.value / top)
        bar.y = index * 28
    return bars


def charts(questions, rows) -> list[Chart]:
    answered = [row for row in rows if row.answered]
    result = []
    for question in questions:
        if question.kind not in CHARTED:
            continue
        values = [row.values.get(question.pk) for row in answered]
        if question.kind == QuestionKind.NUMBER:
            bars = [
                Bar(row.municipality.localized_name, value, answers.as_text(question, value))
                for row, value in zip(answered, values, strict=True)
                if isinstance(value, int | float)
            ]
        else:
            options = ["yes", "no"] if question.kind == QuestionKind.YES_NO else question.choices
            bars = []
            for option in options:
                count = sum(1 for v in values if v == option or (isinstance(v, list) and option in v))
                label = answers.as_text(question, option) if question.kind == QuestionKind.YES_NO else option
                bars.append(Bar(label, count, _("%(n)s団体") % {"n": count}))
        chart = Chart(question, _scaled(bars))
        chart.height = max(len(bars), 1) * 28
        result.append(chart)
    return result


def export_header(questions) -> list[str]:
    return [_("市町村"), _("回答の状態"), *[question.label for question in questions]]


def export_rows(questions, rows):
    return [[row.municipality.localized_name, row.status, *row.cells] for row in rows]


def table_sheets(questions, rows):
    """One sheet per table question: every answered row, with its municipality."""
    sheets = []
    for question in questions:
        if question.kind != QuestionKind.TABLE:
            continue
        names = [column["name"] for column in question.columns]
        lines = [
            [row.municipality.localized_name, *[cells.get(name) for name in names]]
            for row in rows
            if row.answered
            for cells in row.values.get(question.pk) or []
        ]
        sheets.append((question.label, [_("市町村"), *names], lines))
    return sheets
