"""The results: one table of the asked municipalities in 五十音順 × questions, charts with their data
tables, and exports opened back (CSV with a BOM, xlsx), Japanese intact."""

import csv
import io

import openpyxl
import pytest

from surveys import services
from surveys.models import Survey
from tests.factories import MunicipalityFactory, survey
from tests.surveys.conftest import COMPLETE, posted

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world):
    """香芝市 and 河合町 submitted; 安堵町 (あんどちょう, first in 五十音順) asked and silent."""
    people = world["people"]
    ando = MunicipalityFactory(name="安堵町", kana="あんどちょう")
    s = survey(people["advisor"], [world["kashiba"], world["kawai"], ando], title="=SUM(A1) 利用状況調査")
    for who, values in [
        ("staff_own", COMPLETE),
        (
            "staff_other",
            {**COMPLETE, "主な利用形態": "共同利用", "情報システム担当の職員数": "2", "県への要望": "=1+1"},
        ),
    ]:
        services.response_save(actor=people[who], survey_id=s.pk, data=posted(s, values), submit=True)
    return s


def test_the_table_lists_municipalities_in_gojuon_order_with_their_answers(world, log_in, answered):
    text = log_in(world["people"]["advisor"]).get(f"/surveys/{answered.pk}/results/").content.decode()
    table = text.split("回答一覧（市町村 × 質問）")[1].split("</table>")[0]
    assert table.index("安堵町") < table.index("香芝市") < table.index("河合町")
    assert "共同利用" in table and "3人" in table and "1行" in table
    assert "未着手" in table


def test_a_chart_has_its_data_table_and_counts_in_words(world, log_in, answered):
    text = log_in(world["people"]["advisor"]).get(f"/surveys/{answered.pk}/results/").content.decode()
    assert '<svg viewBox="0 0 640' in text and 'role="img"' in text
    data = text.split("「主な利用形態」のグラフのデータ")[1].split("</table>")[0]
    assert "単独" in data and "1団体" in data


def test_the_csv_opens_back_with_its_bom_japanese_and_no_formula(world, log_in, answered):
    response = log_in(world["people"]["advisor"]).get(f"/surveys/{answered.pk}/results.csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows[0][:3] == ["市町村", "回答の状態", "利用している基幹業務システム"]
    assert [row[0] for row in rows[1:]] == ["安堵町", "香芝市", "河合町"]
    assert rows[3][-1] == "'=1+1"


def test_the_xlsx_opens_back_with_the_table_questions_rows_on_their_own_sheet(world, log_in, answered):
    response = log_in(world["people"]["advisor"]).get(f"/surveys/{answered.pk}/results.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    summary, systems = book.worksheets
    assert summary["A3"].value == "香芝市"
    assert summary.cell(row=4, column=summary.max_column).value == "=1+1"
    assert summary.cell(row=4, column=summary.max_column).data_type == "s"
    assert [cell.value for cell in systems[2]] == [
        "香芝市",
        "住民記録",
        "奈良システム株式会社",
        "2028-03-31",
        4200,
    ]


def test_a_municipality_reads_everyones_results_only_when_the_survey_says_so(world, log_in, answered):
    client = log_in(world["people"]["staff_own"])
    assert client.get(f"/surveys/{answered.pk}/results/").status_code == 404
    Survey.objects.filter(pk=answered.pk).update(results_visible_to_municipalities=True)
    text = client.get(f"/surveys/{answered.pk}/results/").content.decode()
    assert "河合町" in text and "安堵町" not in text.split("回答一覧")[1]  # answered ones only


def test_officials_read_the_results_of_surveys_marked_for_them(world, log_in, answered):
    client = log_in(world["people"]["official"])
    assert client.get(f"/surveys/{answered.pk}/results/").status_code == 404
    Survey.objects.filter(pk=answered.pk).update(visible_to_officials=True)
    assert client.get(f"/surveys/{answered.pk}/results/").status_code == 200
    assert client.get(f"/surveys/{answered.pk}/answer/").status_code == 404


def test_the_drill_down_shows_a_municipalitys_table_rows(world, log_in, answered):
    response = answered.responses.get(municipality=world["kashiba"])
    text = log_in(world["people"]["advisor"]).get(f"/surveys/responses/{response.pk}/").content.decode()
    assert "奈良システム株式会社" in text and "2028-03-31" in text


def test_consultants_and_pending_members_see_no_survey(world, log_in, answered):
    for who in ("consultant", "pending"):
        client = log_in(world["people"][who])
        assert client.get("/surveys/").status_code == 404
        assert client.get(f"/surveys/{answered.pk}/results/").status_code == 404


def test_a_builder_official_manages_only_their_own_surveys(world, log_in, answered):
    people = world["people"]
    own = survey(people["builder_official"], [world["kashiba"]], title="県職員の照会")
    client = log_in(people["builder_official"])
    assert client.get(f"/surveys/{own.pk}/results/").status_code == 200
    assert client.get(f"/surveys/{answered.pk}/results/").status_code == 404
