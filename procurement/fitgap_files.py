"""Functions from a file and the matrix to a file.

A list of functions comes as CSV (UTF-8 with or without a BOM, or Shift_JIS/cp932 as Excel saves it in
Japan) or as an Excel workbook (.xlsx, its first sheet). The first row names the columns, in any order,
in Japanese or English: 業務分野 (area), 機能 (function), 説明 (description, optional). The member columns
of an exported matrix (a level and a note per member) are passed over, so an export reads back; any other
column is refused. Every problem is reported with its row number, all at once, before anything is saved."""

import csv
import io
import unicodedata
from dataclasses import dataclass

import openpyxl
from django.utils.translation import gettext as _

from portal.uploads import CheckedUpload, checks

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
MAX_NAME_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 2000
# What a column may be called, normalised (NFKC, lower case, no spaces).
COLUMN_NAMES = {
    "area": {"業務分野", "業務", "分野", "area", "businessarea", "systemarea"},
    "name": {"機能", "機能名", "function", "name"},
    "description": {"説明", "機能の説明", "description"},
}
REQUIRED_COLUMNS = ("area", "name")


@dataclass(frozen=True)
class FunctionRow:
    line: int
    area: str
    name: str
    description: str


def normalise(text) -> str:
    """A cell's text as compared: NFKC (full/half width alike), blanks trimmed and runs of them one."""
    return " ".join(unicodedata.normalize("NFKC", "" if text is None else str(text)).split())


def _column_key(label: str) -> str | None:
    wanted = normalise(label).lower().replace(" ", "")
    return next((key for key, names in COLUMN_NAMES.items() if wanted in names), None)


def _table(upload: CheckedUpload) -> list[tuple[int, list]]:
    """(row number, cells) of the file's first sheet, blank rows left out."""
    if upload.kind == "xlsx":
        workbook = openpyxl.load_workbook(io.BytesIO(upload.data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = [
                (number, list(cells)) for number, cells in enumerate(sheet.iter_rows(values_only=True), 1)
            ]
        finally:
            workbook.close()
    else:
        text = checks.check_text(upload.data, upload.name)
        reader = csv.reader(io.StringIO(text, newline=""))
        rows = []
        for cells in reader:
            rows.append((reader.line_num, cells))
    return [(number, cells) for number, cells in rows if any(normalise(cell) for cell in cells)]


def member_columns(member) -> list[str]:
    """A member's two columns in an exported matrix: its level and its note."""
    return [str(member.municipality), _("%(member)s のメモ") % {"member": member.municipality}]


def read_functions(upload: CheckedUpload, skipped_columns=()) -> tuple[list[FunctionRow], list[str]]:
    """The rows of the file, or the messages saying what is wrong with it (row numbers as in Excel).
    Columns named in `skipped_columns` (an export's member columns) are not read."""
    skipped = {normalise(label).lower() for label in skipped_columns}
    table = _table(upload)
    if not table:
        return [], [_("ファイルに行がありません。1行目に列名（業務分野・機能・説明）を書いてください。")]
    header_line, header = table[0]
    columns, errors = {}, []
    for index, label in enumerate(header):
        if not normalise(label):
            continue
        key = _column_key(label)
        if key is None and normalise(label).lower() in skipped:
            continue
        if key is None:
            errors.append(
                _("%(line)d行目：列「%(label)s」は読み取れません。使える列は 業務分野・機能・説明 です。")
                % {"line": header_line, "label": normalise(label)}
            )
        elif key in columns:
            errors.append(
                _("%(line)d行目：列「%(label)s」が2つあります。")
                % {"line": header_line, "label": normalise(label)}
            )
        else:
            columns[key] = index
    missing = [key for key in REQUIRED_COLUMNS if key not in columns]
    if missing:
        labels = {"area": _("業務分野"), "name": _("機能")}
        errors.append(
            _(
                "%(line)d行目：列「%(columns)s」がありません。1行目に列名（業務分野・機能・説明）を書いてください。"
            )
            % {"line": header_line, "columns": "」「".join(labels[key] for key in missing)}
        )
    if errors:
        return [], errors
    if len(table) - 1 > MAX_IMPORT_ROWS:
        return [], [
            _("一度に読み込める機能は%(max)d件までです。ファイルを分けてください。")
            % {"max": MAX_IMPORT_ROWS}
        ]

    def cell(cells, key):
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    rows = [
        FunctionRow(
            line=line,
            area=normalise(cell(cells, "area")),
            name=normalise(cell(cells, "name")),
            description=str(cell(cells, "description") or "").strip(),
        )
        for line, cells in table[1:]
    ]
    if not rows:
        errors.append(_("機能の行がありません。2行目から1行に1つずつ機能を書いてください。"))
    return rows, errors


def matrix_table(functions, members, fits) -> tuple[list[str], list[list]]:
    """The matrix as a sheet: one row per function, a level and a note column per member."""
    header = [_("業務分野"), _("機能"), _("説明")]
    for member in members:
        header += member_columns(member)
    by_cell = {(fit.function_id, fit.member_id): fit for fit in fits}
    rows = []
    for function in functions:
        row = [str(function.area), function.name, function.description]
        for member in members:
            fit = by_cell.get((function.pk, member.pk))
            row += [fit.get_level_display() if fit and fit.level else _("未判定"), fit.note if fit else ""]
        rows.append(row)
    return header, rows
