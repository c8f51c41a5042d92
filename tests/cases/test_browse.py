"""/cases/: filters, sorting, pagination, freshness, and the advisors' list of stale cases."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from portal.models import Role
from tests.factories import MunicipalityFactory, case_study, member

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'<li class="case-card">\s*<h3><a href="[^"]*">([^<]+)</a>', html)


@pytest.fixture
def cases(db):
    small = MunicipalityFactory(name="小村", kana="こむら", kind="村", district="吉野郡", population=1500)
    mid = MunicipalityFactory(
        name="中町", kana="なかちょう", kind="町", district="北葛城郡", population=25000
    )
    big = MunicipalityFactory(name="大市", kana="おおし", kind="市", district="", population=120000)
    return {
        "joint": case_study(
            title="共同クラウドの事例",
            arrangement="joint_cloud",
            organisation="voluntary",
            purpose="cost",
            municipalities=[mid, big],
            cost_reduction_percent=Decimal("56"),
            milestones=[("go_live", datetime.date(2011, 5, 1))],
            last_confirmed=timezone.localdate() - datetime.timedelta(days=30),
        ),
        "single": case_study(
            title="単独クラウドの事例",
            arrangement="single_cloud",
            organisation="single",
            purpose="efficiency",
            municipalities=[big],
            cost_reduction_percent=Decimal("20"),
            milestones=[("go_live", datetime.date(2013, 4, 1))],
        ),
        "koseki": case_study(
            title="戸籍の共同利用の事例",
            arrangement="joint_use",
            organisation="partial_union",
            system="koseki",
            municipalities=[small, mid, big],
            milestones=[("go_live", datetime.date(2012, 1, 1))],
        ),
        "draft": case_study(title="下書きの事例", publish=False, municipalities=[small]),
    }


def test_everyone_sees_published_cases_and_never_drafts(client, cases):
    listed = titles(client.get("/cases/"))
    assert set(listed) == {"共同クラウドの事例", "単独クラウドの事例", "戸籍の共同利用の事例"}
    client.force_login(member(Role.OFFICIAL))
    assert "下書きの事例" not in client.get("/cases/").content.decode()
    assert client.get(cases["draft"].url_path.replace("/home", "")).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("arrangement=joint_cloud", {"共同クラウドの事例"}),
        ("organisation=partial_union", {"戸籍の共同利用の事例"}),
        ("purpose=efficiency", {"単独クラウドの事例"}),
        ("system=koseki", {"戸籍の共同利用の事例"}),
        ("population_band=u10k", {"戸籍の共同利用の事例"}),
        ("population_band=100k%2B", {"共同クラウドの事例", "単独クラウドの事例", "戸籍の共同利用の事例"}),
        ("district=北葛城郡", {"共同クラウドの事例", "戸籍の共同利用の事例"}),
        ("go_live_year=2013", {"単独クラウドの事例"}),
        ("arrangement=joint_cloud&system=koseki", set()),
        ("arrangement=no-such-thing", {"共同クラウドの事例", "単独クラウドの事例", "戸籍の共同利用の事例"}),
    ],
)
def test_filters_narrow_the_list(client, cases, query, expected):
    assert set(titles(client.get(f"/cases/?{query}"))) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", ["単独クラウドの事例", "戸籍の共同利用の事例", "共同クラウドの事例"]),
        ("saving", ["共同クラウドの事例", "単独クラウドの事例", "戸籍の共同利用の事例"]),
        ("members", ["戸籍の共同利用の事例", "共同クラウドの事例", "単独クラウドの事例"]),
    ],
)
def test_sorting(client, cases, sort, expected):
    assert titles(client.get(f"/cases/?sort={sort}")) == expected


def test_pagination_keeps_the_filters(client, db):
    for n in range(12):
        case_study(title=f"事例{n:02d}", system="finance")
    case_study(title="別システム", system="core")
    first = client.get("/cases/?system=finance&sort=newest")
    assert len(titles(first)) == 10
    html = first.content.decode()
    assert "system=finance&amp;sort=newest&amp;page=2" in html
    second = client.get("/cases/?system=finance&sort=newest&page=2")
    assert len(titles(second)) == 2
    assert "別システム" not in second.content.decode()


def test_advisors_see_the_freshness_badge_on_cases_not_confirmed_for_twelve_months(client, log_in, cases):
    log_in(member(Role.ADVISOR))
    fresh = client.get(cases["joint"].url).content.decode()
    stale = client.get(cases["single"].url).content.decode()
    assert "最終確認日なし" not in fresh and "最終確認から12か月以上" not in fresh
    assert "最終確認日なし" in stale
    old = case_study(title="古い事例", last_confirmed=timezone.localdate() - datetime.timedelta(days=400))
    assert "最終確認から12か月以上" in client.get(old.url).content.decode()
    assert "最終確認日なし" in client.get("/cases/").content.decode()


def test_the_public_reads_the_date_of_the_information_and_no_advisors_warning(client, seeded):
    page = client.get("/cases/kikan-kyodo-riyo/").content.decode()
    assert "情報の時点：平成24年（2012年）" in page
    assert "出典に時点の記載がないため" in page
    listing = client.get("/cases/").content.decode()
    assert "<dt>情報の時点</dt><dd>平成24年（2012年）</dd>" in listing
    for html in (page, listing):
        assert "最終確認日なし" not in html and "最終確認から12か月以上" not in html
        assert "最終確認日" not in html


def test_staff_and_officials_see_no_advisors_warning_either(client, cases):
    for role in (Role.STAFF, Role.OFFICIAL):
        client.force_login(member(role))
        assert "最終確認日なし" not in client.get(cases["single"].url).content.decode()


def test_advisors_get_the_list_of_stale_cases_and_others_get_404(client, log_in, cases):
    for role in (Role.STAFF, Role.OFFICIAL):
        client.force_login(member(role))
        assert client.get("/cases/stale/").status_code == 404
    log_in(member(Role.ADVISOR))
    html = client.get("/cases/stale/").content.decode()
    assert "単独クラウドの事例" in html and "戸籍の共同利用の事例" in html
    assert "共同クラウドの事例" not in html
    assert "下書きの事例" not in html


def test_case_page_shows_heisei_dates_with_the_gregorian_year(client, seeded):
    html = client.get("/cases/nara-kikan-kyodoka-kentokai/").content.decode()
    assert "平成23年（2011年）5月" in html
    assert "平成25年（2013年）" in html
    assert "56%" in html and "NEC" in html


def test_the_list_shows_a_year_only_go_live_without_a_month_and_old_dates_in_gregorian(client, db):
    from cases.models import Milestone

    year_only = case_study(title="年だけ分かる事例", milestones=[("go_live", datetime.date(2013, 1, 1))])
    Milestone.objects.filter(page=year_only).update(precision="year")
    case_study(title="明治より前の事例", milestones=[("go_live", datetime.date(1870, 4, 1))])
    html = client.get("/cases/").content.decode()
    assert "平成25年（2013年）</dd>" in html
    assert "1870年4月</dd>" in html


def test_wareki_at_falls_back_to_the_gregorian_year_before_meiji():
    from django.utils import translation

    from cases.templatetags.cases_tags import wareki_at

    with translation.override("ja"):
        assert wareki_at(datetime.date(1850, 6, 1), "year") == "1850年"
        assert wareki_at(datetime.date(1850, 6, 1), "month") == "1850年6月"
        assert wareki_at(datetime.date(2011, 5, 1), "month") == "平成23年（2011年）5月"


def test_the_district_filter_lists_districts_in_gojuon_order(client, seeded):
    html = client.get("/cases/").content.decode()
    select = re.search(r'<select name="district"[^>]*>(.*?)</select>', html, re.S).group(1)
    options = re.findall(r'<option value="([^"]+)"', select)
    assert options == ["生駒郡", "宇陀郡", "北葛城郡", "磯城郡", "高市郡", "山辺郡", "吉野郡"]
