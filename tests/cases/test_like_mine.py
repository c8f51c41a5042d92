"""Cases like mine: cases whose members resemble the staff member's municipality, with reasons."""

import pytest

from portal.models import Municipality, Role
from tests.factories import MunicipalityFactory, case_study, member

pytestmark = pytest.mark.django_db


def test_staff_see_similar_cases_with_the_reasons(client, db):
    mine = MunicipalityFactory(name="自町", kana="じちょう", kind="町", district="北葛城郡", population=18000)
    neighbour = MunicipalityFactory(
        name="隣町", kana="となりちょう", kind="町", district="北葛城郡", population=25000
    )
    far_city = MunicipalityFactory(name="遠市", kana="とおし", kind="市", district="", population=300000)
    village = MunicipalityFactory(name="山村", kana="やまむら", kind="村", district="吉野郡", population=1200)
    case_study(title="隣町の事例", municipalities=[neighbour])
    case_study(title="遠い市の事例", municipalities=[far_city])
    case_study(title="山村の事例", municipalities=[village])
    client.force_login(member(Role.STAFF, mine))
    html = client.get("/cases/like-mine/").content.decode()
    assert "隣町の事例" in html
    assert "人口規模が近い" in html and "同じ郡" in html and "同じ種別（町）" in html
    assert "遠い市の事例" not in html and "山村の事例" not in html
    assert "（概数）" in html


def test_ranking_puts_the_case_with_more_resemblances_first(db):
    from cases.selectors import cases_like

    mine = MunicipalityFactory(kind="町", district="磯城郡", population=15000)
    same_band = MunicipalityFactory(kind="村", district="宇陀郡", population=12000)
    close = MunicipalityFactory(kind="町", district="磯城郡", population=14000)
    case_study(title="人口だけ", municipalities=[same_band])
    case_study(title="三つとも", municipalities=[close])
    similar = cases_like(mine)
    assert [item.case.title for item in similar] == ["三つとも", "人口だけ"]
    assert similar[1].reasons == ["人口規模が近い"]


def test_seed_cases_like_kawai_include_the_kentokai_where_it_takes_part(seeded, client):
    kawai = Municipality.objects.get(name="河合町")
    client.force_login(member(Role.STAFF, kawai))
    html = client.get("/cases/like-mine/").content.decode()
    assert "奈良県基幹システム共同化検討会" in html and "自団体が参加" in html


@pytest.mark.parametrize("role", [Role.OFFICIAL])
def test_people_without_a_municipality_get_404(client, role):
    client.force_login(member(role))
    assert client.get("/cases/like-mine/").status_code == 404


def test_anonymous_is_sent_to_login(client, db):
    assert client.get("/cases/like-mine/").status_code == 302
