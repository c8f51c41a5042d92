"""Tables that leave the portal for Excel: Excel-safe CSV (UTF-8 with a BOM) and xlsx, as responses.

Every app's export goes through here so that each gets the same protections: a cell that Excel would
run as a formula is written as text, the CSV carries the BOM that makes Excel read Japanese as UTF-8,
and the file name is given in RFC 6266 form so that a Japanese name survives the download.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

import openpyxl
from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def excel_safe(value: str) -> str:
    """A text cell that Excel would run as a formula gets a leading apostrophe."""
    return "'" + value if value[:1] in _FORMULA_STARTS else value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return excel_safe(value)
    if isinstance(value, bool):
        return str(value)
    return value


def csv_text(header: Sequence, rows: Iterable[Sequence]) -> str:
    """The whole file as text: the BOM, the header, then the rows, every text cell Excel-safe."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([_cell(str(label)) for label in header])
    writer.writerows([_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence, Iterable[Sequence]]]) -> bytes:
    """A workbook of (title, header, rows) sheets. Text cells are stored as text, never as formulas."""
    workbook = openpyxl.Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append([str(label) for label in header])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(sheet, value):
    if isinstance(value, str):
        # openpyxl stores a string that starts with "=" as a formula unless told it is text.
        cell = openpyxl.cell.WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def attachment(content, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    return attachment(csv_text(header, rows), filename=filename, content_type="text/csv; charset=utf-8")


def xlsx_response(filename: str, sheets: Sequence[tuple[str, Sequence, Iterable[Sequence]]]) -> HttpResponse:
    return attachment(xlsx_bytes(sheets), filename=filename, content_type=XLSX_TYPE)
