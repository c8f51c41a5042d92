"""portal.spreadsheets: what every app's export is made of, opened back as Excel would."""

import csv
import datetime
import io

import openpyxl

from portal.spreadsheets import csv_response, csv_text, excel_safe, xlsx_bytes, xlsx_response


def test_a_cell_excel_would_run_as_a_formula_becomes_text():
    assert [excel_safe(v) for v in ("=SUM(A1)", "+1", "-1", "@x", "\tx", "香芝市")] == [
        "'=SUM(A1)",
        "'+1",
        "'-1",
        "'@x",
        "'\tx",
        "香芝市",
    ]


def test_the_csv_opens_back_with_its_bom_and_japanese_intact_and_no_formula():
    text = csv_text(["団体", "費用"], [["香芝市", 1200000], ['=HYPERLINK("x")', None]])
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["団体", "費用"], ["香芝市", "1200000"], ['\'=HYPERLINK("x")', ""]]


def test_the_workbook_opens_back_with_text_kept_as_text_and_numbers_and_dates_as_such():
    data = xlsx_bytes([("適合分析", ["機能", "件数", "日付"], [["=1+1", 3, datetime.date(2026, 4, 1)]])])
    sheet = openpyxl.load_workbook(io.BytesIO(data))["適合分析"]
    assert [cell.value for cell in sheet[1]] == ["機能", "件数", "日付"]
    formula_like, count, day = sheet[2]
    assert (formula_like.value, formula_like.data_type) == ("=1+1", "s")
    assert count.value == 3
    assert day.value.date() == datetime.date(2026, 4, 1)


def test_a_japanese_file_name_survives_the_download():
    response = csv_response("適合分析.csv", ["a"], [])
    assert (
        response["Content-Disposition"]
        == "attachment; filename*=UTF-8''%E9%81%A9%E5%90%88%E5%88%86%E6%9E%90.csv"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert xlsx_response("x.xlsx", [("s", ["a"], [])])["Content-Type"].endswith("spreadsheetml.sheet")
