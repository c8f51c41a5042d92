"""The fit-gap pages as their users see them: the matrix, saving an area's cells, the import page's
messages, and the exports opened back."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import SystemArea
from procurement.models import Fit, FitLevel, Function
from tests.factories import FitFactory, FunctionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(procurement_world):
    workspace = procurement_world["workspace"]
    workspace.areas.set(SystemArea.objects.filter(name__in=["住民記録", "税務"]))
    founder_column, member_column = list(workspace.members.select_related("municipality"))
    records = SystemArea.objects.get(name="住民記録")
    copies = FunctionFactory(workspace=workspace, area=records, name="住民票の写しの交付")
    moving_in = FunctionFactory(workspace=workspace, area=records, name="転入届の受付")
    FitFactory(
        function=moving_in,
        member=founder_column,
        level=FitLevel.CUSTOMISE,
        note="独自の受付票が必要",
        decided_by=procurement_world["people"]["founder"],
    )
    return {
        **procurement_world,
        "founder_column": founder_column,
        "member_column": member_column,
        "copies": copies,
        "moving_in": moving_in,
        "url": f"/procurement/{workspace.slug}/fit-gap/",
    }


def cell(function, member):
    return f"c-{function.pk}-{member.pk}"


def posted(function, member, value, note="", was=("", "")):
    """What the matrix page posts for one cell: the area, the choice, and what the page showed."""
    prefix = cell(function, member)
    return {
        "area": function.area_id,
        f"{prefix}-value": value,
        f"{prefix}-note": note,
        f"{prefix}-was-value": was[0],
        f"{prefix}-was-note": was[1],
    }


def test_member_staff_get_a_select_for_their_own_column_and_text_for_the_others(client, log_in, world):
    page = log_in(world["people"]["member"]).get(world["url"]).content.decode()
    assert f'name="{cell(world["copies"], world["member_column"])}-value"' in page
    assert f'name="{cell(world["copies"], world["founder_column"])}-value"' not in page
    # The founder's judgement is there as words, with its note and who decided.
    assert "カスタマイズ要" in page and "独自の受付票が必要" in page
    assert str(world["people"]["founder"]) in page


def test_the_page_names_the_blocking_function_and_explains_no_customisation(client, log_in, world):
    page = log_in(world["people"]["founder"]).get(world["url"]).content.decode()
    assert "ノーカスタマイズを妨げている機能" in page
    assert "転入届の受付</a>（葛城市）" in page
    assert "運用で対応" in page


def test_saving_an_area_keeps_the_judgement_and_says_how_many_cells(client, log_in, world):
    response = log_in(world["people"]["member"]).post(
        world["url"],
        posted(world["copies"], world["member_column"], FitLevel.PARAMETER, "帳票レイアウトを設定で変更"),
        follow=True,
    )
    assert "1 か所の判定を保存しました。" in response.content.decode()
    fit = Fit.objects.get(function=world["copies"])
    assert (fit.level, fit.note, fit.decided_by) == (
        FitLevel.PARAMETER,
        "帳票レイアウトを設定で変更",
        world["people"]["member"],
    )


def test_a_conflict_keeps_what_the_user_chose_and_shows_the_other_persons_value(client, log_in, world):
    # The secretariat's page was drawn before the founder decided: the cell was blank then.
    response = log_in(world["people"]["secretariat"]).post(
        world["url"], posted(world["moving_in"], world["founder_column"], FitLevel.OPERATION)
    )
    page = response.content.decode()
    assert "ほかの人が変更していたため" in page
    assert "ほかの人が「カスタマイズ要」に変更しています" in page
    assert f'<option value="{FitLevel.OPERATION}" selected>' in page
    assert Fit.objects.get(function=world["moving_in"]).level == FitLevel.CUSTOMISE


@pytest.mark.parametrize("who", ["official", "advisor"])
def test_overseers_do_not_see_the_matrix(client, log_in, world, who):
    assert log_in(world["people"][who]).get(world["url"]).status_code == 404


def import_file(client, world, name, content):
    return client.post(
        world["url"] + "import/", {"action": "import", "file": SimpleUploadedFile(name, content)}
    ).content.decode()


def test_a_10_mb_file_is_refused_saying_the_limit_and_nothing_is_saved(client, log_in, world):
    log_in(world["people"]["founder"])
    big = ("業務分野,機能\n" + "住民記録,住民票の写しの交付\n" * 400_000).encode()
    assert len(big) > 10 * 1024 * 1024
    page = import_file(client, world, "機能一覧.csv", big)
    assert "ファイルが大きすぎます（2 MB まで）" in page
    assert Function.objects.count() == 2


def test_a_file_that_is_not_csv_or_xlsx_is_refused(client, log_in, world):
    log_in(world["people"]["founder"])
    page = import_file(client, world, "機能一覧.txt", "業務分野,機能\n住民記録,転出証明書の交付\n".encode())
    assert "読み込めるのは CSV（.csv）か Excel（.xlsx）のファイルです。" in page
    assert Function.objects.count() == 2


def test_an_xlsx_that_is_really_something_else_is_refused_by_content(client, log_in, world):
    log_in(world["people"]["founder"])
    page = import_file(client, world, "機能一覧.xlsx", "業務分野,機能\n".encode())
    assert "拡張子と中身が一致しません" in page
    assert Function.objects.count() == 2


def test_wrong_columns_are_shown_on_the_page_next_to_the_file_field(client, log_in, world):
    log_in(world["people"]["founder"])
    page = import_file(
        client, world, "機能一覧.csv", "分類,名称\n住民記録,転出証明書の交付\n".encode("cp932")
    )
    assert "1行目：列「分類」は読み取れません。" in page
    assert 'aria-invalid="true"' in page
    assert Function.objects.count() == 2


def test_a_good_file_is_read_and_the_matrix_shows_its_functions(client, log_in, world):
    log_in(world["people"]["founder"])
    content = "機能,業務分野\n転出証明書の交付,住民記録\n個人住民税の賦課,税務\n".encode("utf-8-sig")
    response = client.post(
        world["url"] + "import/",
        {"action": "import", "file": SimpleUploadedFile("機能一覧.csv", content)},
        follow=True,
    )
    page = response.content.decode()
    assert "2 件の機能を読み込みました。" in page
    assert "転出証明書の交付" in page and "個人住民税の賦課" in page


def test_a_plain_member_cannot_open_the_import_page(client, log_in, world):
    assert log_in(world["people"]["member"]).get(world["url"] + "import/").status_code == 404


def test_the_csv_export_opens_back_with_its_bom_japanese_and_a_column_per_member(client, log_in, world):
    response = log_in(world["people"]["member"]).get(world["url"] + "export.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["業務分野", "機能", "説明", "葛城市", "葛城市 のメモ", "河合町", "河合町 のメモ"]
    assert rows[2][:2] == ["住民記録", "転入届の受付"]
    assert rows[2][3:] == ["カスタマイズ要", "独自の受付票が必要", "未判定", ""]


def test_an_exported_csv_reads_back_its_functions_and_passes_over_the_member_columns(client, log_in, world):
    log_in(world["people"]["founder"])
    exported = client.get(world["url"] + "export.csv").content
    Function.objects.all().delete()

    response = client.post(
        world["url"] + "import/",
        {"action": "import", "file": SimpleUploadedFile("機能適合分析.csv", exported)},
        follow=True,
    )

    assert "2 件の機能を読み込みました。" in response.content.decode()
    assert set(Function.objects.values_list("name", flat=True)) == {"住民票の写しの交付", "転入届の受付"}
    assert not Fit.objects.exists()  # the judgements are not read


def test_an_exported_csv_read_back_over_its_own_functions_says_they_exist_and_adds_none(
    client, log_in, world
):
    log_in(world["people"]["founder"])
    exported = client.get(world["url"] + "export.csv").content

    page = import_file(client, world, "機能適合分析.csv", exported)

    assert "2行目：「住民票の写しの交付」（住民記録）はすでに登録されています。" in page
    assert "3行目：「転入届の受付」（住民記録）はすでに登録されています。" in page
    assert "読み取れません" not in page
    assert Function.objects.count() == 2


def test_the_import_page_says_which_columns_it_reads(client, log_in, world):
    page = log_in(world["people"]["founder"]).get(world["url"] + "import/").content.decode()
    assert "読み込むのは 業務分野・機能・説明 の列だけです。" in page
    assert "参加団体ごとの列（判定とメモ）は読み飛ばし" in page


def test_the_xlsx_export_opens_back_with_openpyxl(client, log_in, world):
    response = log_in(world["people"]["founder"]).get(world["url"] + "export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][:4] == ["業務分野", "機能", "説明", "葛城市"]
    assert rows[2][1] == "転入届の受付" and rows[2][3] == "カスタマイズ要"


def test_narrowing_to_one_area_shows_only_its_functions(client, log_in, world):
    tax = SystemArea.objects.get(name="税務")
    FunctionFactory(workspace=world["workspace"], area=tax, name="固定資産税の賦課")
    page = log_in(world["people"]["member"]).get(world["url"], {"area": tax.pk}).content.decode()
    assert "固定資産税の賦課" in page
    assert "住民票の写しの交付" not in page


def test_the_overview_offers_the_matrix_tab_to_members_but_not_to_officials(client, log_in, world):
    overview = f"/procurement/{world['workspace'].slug}/"
    assert "機能適合分析" in log_in(world["people"]["member"]).get(overview).content.decode()
    client.logout()
    assert "機能適合分析" not in log_in(world["people"]["official"]).get(overview).content.decode()


def test_the_matrix_costs_the_same_queries_for_ten_or_forty_functions(client, log_in, world):
    tax = SystemArea.objects.get(name="税務")
    log_in(world["people"]["secretariat"]).get(world["url"])  # the session's and the site's first reads

    def queries_with(count):
        for n in range(Function.objects.count(), count):
            function = FunctionFactory(workspace=world["workspace"], area=tax, name=f"税務の機能{n}")
            FitFactory(function=function, member=world["member_column"], decided_by=world["people"]["member"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(world["url"]).status_code == 200
        return len(captured)

    assert queries_with(10) == queries_with(40)


def test_a_csv_cell_a_spreadsheet_would_run_as_a_formula_is_refused_by_the_kernels_check(
    client, log_in, world
):
    log_in(world["people"]["founder"])
    content = "業務分野,機能,説明\n住民記録,転出証明書の交付,=cmd|' /C calc'!A0\n".encode()
    page = import_file(client, world, "機能一覧.csv", content)
    assert "2行目3列目のセルが数式" in page
    assert Function.objects.count() == 2
