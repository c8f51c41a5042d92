"""Importing functions from CSV (UTF-8 with or without a BOM, cp932) or xlsx: columns by name in any
order, every problem reported with its row number before anything is saved."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.models import SystemArea
from portal.uploads import check_upload
from procurement.models import Function
from procurement.services_fitgap import function_add, functions_import
from tests.factories import FunctionFactory

pytestmark = pytest.mark.django_db

GOOD_CSV = "業務分野,機能,説明\n住民記録,住民票の写しの交付,窓口とコンビニ交付\n税務,個人住民税の賦課,\n"


@pytest.fixture
def world(procurement_world):
    procurement_world["workspace"].areas.set(SystemArea.objects.filter(name__in=["住民記録", "税務"]))
    return procurement_world


def upload(content: bytes, name="機能一覧.csv"):
    return check_upload(SimpleUploadedFile(name, content))


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def run(world, content, name="機能一覧.csv", who="founder"):
    return functions_import(
        actor=world["people"][who], workspace=world["workspace"], upload=upload(content, name)
    )


def refusal(world, content, name="機能一覧.csv"):
    before = set(Function.objects.values_list("pk", flat=True))
    with pytest.raises(ValidationError) as raised:
        run(world, content, name)
    assert set(Function.objects.values_list("pk", flat=True)) == before
    return raised.value.messages


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_a_csv_in_any_of_the_encodings_excel_writes_is_read_with_japanese_intact(world, encoding):
    run(world, GOOD_CSV.encode(encoding))
    assert list(Function.objects.values_list("area__name", "name", "description")) == [
        ("住民記録", "住民票の写しの交付", "窓口とコンビニ交付"),
        ("税務", "個人住民税の賦課", ""),
    ]


def test_an_xlsx_with_english_headers_in_another_order_is_read(world):
    content = xlsx([["Function", "Description", "Area"], ["転入届の受付", "他市町村からの転入", "住民記録"]])
    run(world, content, "functions.xlsx")
    function = Function.objects.get()
    assert (function.area.name, function.name, function.description) == (
        "住民記録",
        "転入届の受付",
        "他市町村からの転入",
    )


def test_the_secretariat_imports_too_but_a_plain_member_does_not(world):
    run(world, GOOD_CSV.encode(), who="secretariat")
    with pytest.raises(PermissionDenied):
        run(world, "業務分野,機能\n税務,固定資産税の賦課\n".encode(), who="member")
    assert Function.objects.count() == 2


def test_a_missing_column_is_named(world):
    messages = refusal(world, "業務分野,説明\n住民記録,交付\n".encode())
    assert messages == [
        "1行目：列「機能」がありません。1行目に列名（業務分野・機能・説明）を書いてください。"
    ]


def test_an_unknown_column_is_named(world):
    messages = refusal(world, "業務分野,機能,担当課\n住民記録,住民票の写しの交付,市民課\n".encode())
    assert messages == ["1行目：列「担当課」は読み取れません。使える列は 業務分野・機能・説明 です。"]


def test_a_column_named_after_a_municipality_outside_the_group_is_still_refused(world):
    messages = refusal(world, "業務分野,機能,香芝市\n住民記録,住民票の写しの交付,標準で可\n".encode())
    assert messages == ["1行目：列「香芝市」は読み取れません。使える列は 業務分野・機能・説明 です。"]


def test_every_bad_row_is_reported_with_its_row_number_and_nothing_is_saved(world):
    FunctionFactory(
        workspace=world["workspace"], area=SystemArea.objects.get(name="税務"), name="個人住民税の賦課"
    )
    content = (
        "業務分野,機能\n"
        "住民記録,住民票の写しの交付\n"
        "戸籍,戸籍謄本の交付\n"
        "住民記録,\n"
        "住民記録,住民票の写しの交付\n"
        "税務,個人住民税の賦課\n"
    ).encode("cp932")
    messages = refusal(world, content)
    assert messages == [
        "3行目：業務分野「戸籍」は、この検討会の対象業務（住民記録・税務）にありません。",
        "4行目：機能が空です。",
        "5行目：「住民票の写しの交付」（住民記録）は2行目と重複しています。",
        "6行目：「個人住民税の賦課」（税務）はすでに登録されています。",
    ]


def test_full_and_half_width_spellings_of_the_same_function_are_duplicates(world):
    messages = refusal(
        world, "業務分野,機能\n税務,軽自動車税（種別割）の賦課\n税務,軽自動車税(種別割)の賦課\n".encode()
    )
    assert messages == ["3行目：「軽自動車税(種別割)の賦課」（税務）は2行目と重複しています。"]


def test_a_file_with_only_its_header_says_there_are_no_functions(world):
    assert refusal(world, "業務分野,機能,説明\n".encode()) == [
        "機能の行がありません。2行目から1行に1つずつ機能を書いてください。"
    ]


def test_one_typed_function_follows_the_same_rules(world):
    founder = world["people"]["founder"]
    function = function_add(
        actor=founder, workspace=world["workspace"], area="税務", name=" 法人住民税の賦課 "
    )
    assert function.name == "法人住民税の賦課"
    with pytest.raises(ValidationError) as raised:
        function_add(actor=founder, workspace=world["workspace"], area="税務", name="法人住民税の賦課")
    assert raised.value.messages == ["「法人住民税の賦課」（税務）はすでに登録されています。"]
