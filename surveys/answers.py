"""Reading an answer page's POST into answer values, and writing values back as text.

Values are JSON: text → str, number → int or float, yes_no → "yes" / "no", single → str, multiple →
list of str, date → "YYYY-MM-DD", table → list of {column name: cell}, file → the files' ids. Numbers
and dates are read leniently (全角 digits, commas, 2026/4/1), and refused with a message otherwise.
A draft may be incomplete; a submit needs every required question answered.
"""

import datetime
import decimal
import re
import unicodedata

from django.utils.translation import gettext as _

from surveys.models import ColumnKind, QuestionKind

EMPTY_TABLE_ROWS = 3
MAX_TABLE_ROWS = 200
YES, NO = "yes", "no"


def normalise(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw or "").strip()


def parse_number(raw: str):
    text = normalise(raw).replace(",", "")
    if not text:
        return None
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise ValueError(_("数値で入力してください（例：1200）。")) from None
    if not number.is_finite():
        raise ValueError(_("数値で入力してください（例：1200）。"))
    return int(number) if number == number.to_integral_value() else float(number)


def parse_date(raw: str):
    text = normalise(raw)
    if not text:
        return None
    match = re.fullmatch(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?", text)
    try:
        if match is None:
            raise ValueError
        return datetime.date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        raise ValueError(_("日付を 2026-04-01 の形で入力してください。")) from None


def _cell(kind: str, raw: str):
    if kind == ColumnKind.NUMBER:
        return parse_number(raw)
    if kind == ColumnKind.DATE:
        return parse_date(raw)
    return normalise(raw) or None


def field_name(question) -> str:
    return f"q{question.pk}"


def cell_name(question, row: int, column: int) -> str:
    return f"q{question.pk}-r{row}-c{column}"


def rows_name(question) -> str:
    return f"q{question.pk}-rows"


def _table(question, data, errors: dict) -> list[dict] | None:
    try:
        count = min(int(data.get(rows_name(question), EMPTY_TABLE_ROWS)), MAX_TABLE_ROWS)
    except ValueError:
        count = EMPTY_TABLE_ROWS
    rows = []
    for row in range(count):
        values = {}
        for index, column in enumerate(question.columns):
            try:
                values[column["name"]] = _cell(column["kind"], data.get(cell_name(question, row, index), ""))
            except ValueError as error:
                errors.setdefault(question.pk, []).append(
                    _("%(row)s行目「%(column)s」：%(message)s")
                    % {"row": row + 1, "column": column["name"], "message": error}
                )
                values[column["name"]] = data.get(cell_name(question, row, index), "")
        if any(value not in (None, "") for value in values.values()):
            rows.append(values)
    return rows or None


def parse(questions, data) -> tuple[dict[int, object], dict[int, list[str]]]:
    """The values posted for each question (by question id), and the messages of those refused."""
    values: dict[int, object] = {}
    errors: dict[int, list[str]] = {}
    for question in questions:
        name = field_name(question)
        kind = question.kind
        try:
            if kind == QuestionKind.NUMBER:
                values[question.pk] = parse_number(data.get(name, ""))
            elif kind == QuestionKind.DATE:
                values[question.pk] = parse_date(data.get(name, ""))
            elif kind == QuestionKind.YES_NO:
                values[question.pk] = data.get(name) if data.get(name) in (YES, NO) else None
            elif kind == QuestionKind.SINGLE:
                values[question.pk] = data.get(name) if data.get(name) in question.choices else None
            elif kind == QuestionKind.MULTIPLE:
                chosen = [choice for choice in question.choices if choice in data.getlist(name)]
                values[question.pk] = chosen or None
            elif kind == QuestionKind.TABLE:
                values[question.pk] = _table(question, data, errors)
            elif kind == QuestionKind.TEXT:
                values[question.pk] = (data.get(name) or "").strip() or None
        except ValueError as error:
            errors.setdefault(question.pk, []).append(str(error))
            values[question.pk] = data.get(name, "")
    return values, errors


def missing_required(questions, values: dict, files_by_question: dict) -> dict[int, list[str]]:
    """The required questions left unanswered, for a submit."""
    missing = {}
    for question in questions:
        if not question.required:
            continue
        answered = (
            files_by_question.get(question.pk)
            if question.kind == QuestionKind.FILE
            else values.get(question.pk)
        )
        if answered in (None, "", []):
            missing[question.pk] = [_("この質問は回答が必要です（提出するには入力してください）。")]
    return missing


def as_text(question, value) -> str:
    """One cell of the results table or an export."""
    if value in (None, "", []):
        return ""
    kind = question.kind
    if kind == QuestionKind.YES_NO:
        return _("はい") if value == YES else _("いいえ")
    if kind == QuestionKind.MULTIPLE:
        return "、".join(value)
    if kind == QuestionKind.NUMBER:
        return f"{value:,}{question.unit}" if isinstance(value, int | float) else str(value)
    if kind == QuestionKind.TABLE:
        return _("%(n)s行") % {"n": len(value)}
    if kind == QuestionKind.FILE:
        return _("%(n)s件") % {"n": len(value)}
    return str(value)
