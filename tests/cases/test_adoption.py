"""Adoption status: the 39 municipalities × systems, counted totals beside the seed's stated totals."""

import datetime
import itertools
import re

import pytest

from cases.models import AdoptionGroup
from cases.selectors import adoption_status
from portal.models import Municipality
from tests.conftest import built_once, seed

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The seed, loaded once for the module: each test's writes are rolled back to it."""
    yield from built_once(django_db_blocker, seed)


def test_totals_are_counted_from_the_data_and_shown_beside_the_stated_ones(seeded):
    totals = {t.stated.scope: (t.counted, t.stated.value, t.agrees) for t in adoption_status().totals}
    assert totals["cloud"] == (21, 21, True)
    assert totals["core_joint_use"] == (3, 3, True)
    assert totals["koseki_joint_use"] == (10, 9, False)  # the seed says 9; its rows name 10


def test_page_shows_both_koseki_totals_and_marks_the_disagreement(client, seeded):
    html = client.get("/cases/adoption/").content.decode()
    koseki = re.search(
        r"<tr class=\"differs\">\s*<th scope=\"row\">共同利用・非クラウド（戸籍システム）</th>.*?</tr>",
        html,
        re.S,
    )
    assert koseki, "the 戸籍 row is marked as disagreeing"
    cells = re.findall(r"<td>(\d+)", koseki.group(0))
    assert cells[:2] == ["10", "9"]
    assert "不一致" in koseki.group(0)


def test_matrix_lists_the_39_municipalities_in_kana_order_with_arrangements(client, seeded):
    status = adoption_status()
    names = [row.municipality.name for row in status.rows]
    assert len(names) == 39
    assert names == [m.name for m in Municipality.objects.order_by("kana_sort", "code")]
    assert names.index("香芝市") < names.index("橿原市")  # 五十音順, not code-point order
    by_name = {row.municipality.name: row for row in status.rows}
    kawai = by_name["河合町"]
    core, koseki, payroll, finance, prop = (
        [g.get_arrangement_display() for g in cell] for cell in kawai.cells
    )
    assert (
        core == ["共同クラウド"]
        and finance == ["共同利用（非クラウド）"]
        and prop == ["共同利用（非クラウド）"]
    )
    assert koseki == [] and payroll == []
    assert status.counted_by_system == [24, 10, 2, 2, 4]
    html = client.get("/cases/adoption/").content.decode()
    assert "平成23年（2011年）5月～順次" in html  # 検討会, H23.5～順次


def test_chart_and_its_table_show_the_same_counts(client, seeded):
    html = client.get("/cases/adoption/").content.decode()
    assert '<svg viewBox="0 0 760' in html and 'role="img"' in html
    table = re.search(r"基幹システムの導入形態別の団体数（表）</caption>.*?</table>", html, re.S).group(0)
    rows = dict(re.findall(r"<th scope=\"row\">([^<]+)</th><td>(\d+)</td>", table))
    assert rows == {
        "共同クラウド": "7",
        "単独クラウド": "14",
        "共同利用（非クラウド）": "3",
        "ガバメントクラウド": "0",
        "表に記載なし": "15",
    }
    timeline = re.search(r"稼働開始の時系列（表）</caption>.*?</table>", html, re.S).group(0)
    assert timeline.index("戸籍システム共同化実施協議会") < timeline.index(
        "戸籍事務共同化（吉野広域行政事務組合）"
    )
    assert "平成20年（2008年）10月" in timeline


def test_an_advisors_snippet_edit_shows_up_and_the_data_stays_as_edited(client, seeded):
    group = AdoptionGroup.objects.get(name="戸籍システム共同化実施協議会")
    group.members.remove(Municipality.objects.get(name="天理市"))
    totals = {t.stated.scope: (t.counted, t.stated.value) for t in adoption_status().totals}
    assert totals["koseki_joint_use"] == (9, 9)


def test_the_timeline_axis_has_year_labels_in_both_calendars_that_do_not_overlap(client, seeded):
    html = client.get("/cases/adoption/").content.decode()
    svg = re.search(r'<svg[^>]*aria-labelledby="timeline-heading".*?</svg>', html, re.S).group(0)
    years = re.findall(r'<text x="(\d+)" y="\d+" class="chart__year">(\d{4})</text>', svg)
    assert [year for _, year in years] == ["2008", "2009", "2010", "2011", "2012", "2013"]
    positions = [int(x) for x, _ in years]
    assert all(later - earlier >= 80 for earlier, later in itertools.pairwise(positions))
    eras = re.findall(r'class="chart__era">([^<]+)</text>', svg)
    assert eras == ["平成20年", "平成21年", "平成22年", "平成23年", "平成24年", "平成25年"]
    # The table beside the chart still carries every group's month.
    assert "平成24年（2012年）1月" in re.search(
        r"稼働開始の時系列（表）</caption>.*?</table>", html, re.S
    ).group(0)


def test_timeline_year_labels_thin_out_when_the_years_are_many(db):
    from cases.views import year_ticks

    ticks = year_ticks(datetime.date(1990, 4, 1), datetime.date(2025, 3, 1), left=40, width=520)
    steps = {b["year"] - a["year"] for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1 and steps.pop() in {5, 10}
    assert all(b["x"] - a["x"] >= 80 for a, b in itertools.pairwise(ticks))
