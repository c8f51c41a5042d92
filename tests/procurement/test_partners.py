"""The partner finder: who ranks first and why, for a municipality and for a workspace, and its pages."""

import datetime

import pytest

from portal import joint_use
from portal.models import Role
from procurement import partners
from tests.factories import (
    InvitationFactory,
    MunicipalityFactory,
    SystemAreaFactory,
    SystemInUseFactory,
    WorkspaceFactory,
    WorkspaceMemberFactory,
    member,
)

pytestmark = pytest.mark.django_db


def _town(name, kana, district="北葛城郡", population=20000, region=None):
    """A municipality whose region is, unless given, named after its 郡 (none for a city)."""
    return MunicipalityFactory(
        name=name, kana=kana, district=district, population=population, region=region or district
    )


def _ranked(candidates):
    return [candidate.municipality.name for candidate in candidates]


def _reasons(candidates, name):
    return {r.criterion: r.text for c in candidates if c.municipality.name == name for r in c.reasons}


def test_aligned_contract_ends_and_the_same_district_each_beat_a_similar_population_alone():
    area = SystemAreaFactory(name="住民記録")
    base = _town("上牧町", "かんまきちょう", population=22000)
    SystemInUseFactory(municipality=base, area=area, contract_end=datetime.date(2028, 3, 31))
    aligned = _town("曽爾村", "そにむら", district="宇陀郡", population=1300)
    SystemInUseFactory(
        municipality=aligned, area=area, contract_end=datetime.date(2028, 12, 31), vendor="TKC"
    )
    _town("広陵町", "こうりょうちょう", population=900)
    _town("三郷町", "さんごうちょう", district="生駒郡", population=23000)

    ranked = partners.rank_for_municipality(base)

    assert _ranked(ranked) == ["曽爾村", "広陵町", "三郷町"]
    assert set(_reasons(ranked, "三郷町")) == {"population"}
    assert set(_reasons(ranked, "広陵町")) == {"district"}


def test_the_contract_reason_names_the_area_and_both_ends_and_a_date_13_months_away_does_not_count():
    area = SystemAreaFactory(name="税務")
    base = _town("河合町", "かわいちょう", district="", population=17000)
    SystemInUseFactory(municipality=base, area=area, contract_end=datetime.date(2029, 3, 31))
    near = _town("安堵町", "あんどちょう", district="生駒郡", population=7200)
    SystemInUseFactory(municipality=near, area=area, contract_end=datetime.date(2030, 3, 31), vendor="RKKCS")
    far = _town("川西町", "かわにしちょう", district="磯城郡", population=8300)
    SystemInUseFactory(municipality=far, area=area, contract_end=datetime.date(2030, 4, 30), vendor="RKKCS")

    ranked = partners.rank_for_municipality(base)

    assert _ranked(ranked) == ["安堵町"]
    text = _reasons(ranked, "安堵町")["contract"]
    assert "税務" in text
    assert "令和11年（2029年）3月" in text and "令和12年（2030年）3月" in text


def test_shared_vendors_and_joint_use_groups_are_reasons_with_their_names():
    area = SystemAreaFactory(name="財務会計")
    base = _town("王寺町", "おうじちょう", district="", population=24000)
    other = _town("斑鳩町", "いかるがちょう", district="", population=900)
    SystemInUseFactory(
        municipality=base, area=area, vendor="富士通Japan", contract_end=datetime.date(2027, 3, 31)
    )
    SystemInUseFactory(
        municipality=other, area=area, vendor="富士通Ｊａｐａｎ", contract_end=datetime.date(2030, 3, 31)
    )
    provider = joint_use.Provider(
        "tests.partners", lambda: [("公有財産管理システム共同利用", [base.pk, other.pk], "公有財産管理")]
    )
    joint_use.register(provider)
    try:
        reasons = _reasons(partners.rank_for_municipality(base), "斑鳩町")
    finally:
        joint_use._providers._items.pop(provider.name)

    assert set(reasons) == {"vendor", "joint_use"}
    assert "富士通Ｊａｐａｎ（財務会計）" in reasons["vendor"]
    assert "公有財産管理システム共同利用（公有財産管理）" in reasons["joint_use"]


def test_cities_of_the_same_region_match_on_it_though_they_belong_to_no_district():
    base = _town("香芝市", "かしばし", district="", region="中和", population=79000)
    _town("葛城市", "かつらぎし", district="", region="中和", population=900_000)
    _town("奈良市", "ならし", district="", region="北和", population=900_000)
    ranked = partners.rank_for_municipality(base)
    assert _ranked(ranked) == ["葛城市"]
    assert _reasons(ranked, "葛城市") == {"district": "同じ地域です（中和）。"}


def test_a_town_of_the_same_region_and_district_is_told_as_both():
    base = _town("上牧町", "かんまきちょう", region="西和", population=900)
    _town("河合町", "かわいちょう", region="西和", population=17000)
    reasons = _reasons(partners.rank_for_municipality(base), "河合町")
    assert reasons == {"district": "同じ地域（西和）の、同じ郡（北葛城郡）の団体です。"}


def test_a_workspace_ranks_against_its_members_never_a_member_and_marks_open_invitations():
    area = SystemAreaFactory(name="住民記録")
    founder = _town("葛城市", "かつらぎし", district="", population=37000)
    fellow = _town("河合町", "かわいちょう", population=17000)
    workspace = WorkspaceFactory()
    workspace.areas.set([area])
    WorkspaceMemberFactory(workspace=workspace, municipality=founder, is_founder=True)
    WorkspaceMemberFactory(workspace=workspace, municipality=fellow)
    SystemInUseFactory(municipality=founder, area=area, contract_end=datetime.date(2028, 9, 30))
    invited = _town("上牧町", "かんまきちょう", population=22000)
    SystemInUseFactory(municipality=invited, area=area, contract_end=datetime.date(2028, 3, 31))
    InvitationFactory(workspace=workspace, municipality=invited)
    _town("広陵町", "こうりょうちょう", population=35000)

    ranked = partners.rank_for_workspace(workspace)

    assert _ranked(ranked) == ["上牧町", "広陵町"]
    assert ranked[0].invited and not ranked[1].invited
    # With several members, the reason says whose contract it aligns with.
    assert "葛城市" in _reasons(ranked, "上牧町")["contract"]
    assert {"district", "population"} <= set(_reasons(ranked, "上牧町"))


def test_a_workspace_counts_only_the_business_areas_it_studies():
    studied, other_area = SystemAreaFactory(name="住民記録"), SystemAreaFactory(name="図書館", order=90)
    founder = _town("葛城市", "かつらぎし", district="", population=37000)
    workspace = WorkspaceFactory()
    workspace.areas.set([studied])
    WorkspaceMemberFactory(workspace=workspace, municipality=founder, is_founder=True)
    SystemInUseFactory(municipality=founder, area=other_area, contract_end=datetime.date(2028, 3, 31))
    library = _town("御所市", "ごせし", district="", population=900_000)
    SystemInUseFactory(municipality=library, area=other_area, contract_end=datetime.date(2028, 3, 31))

    assert partners.rank_for_workspace(workspace) == []


# --- Pages ------------------------------------------------------------------------------------------


def test_staff_see_their_own_municipalitys_ranking_with_reasons_and_the_approximate_population_note(
    client, log_in
):
    area = SystemAreaFactory(name="住民記録")
    base = _town("上牧町", "かんまきちょう", population=22000)
    SystemInUseFactory(municipality=base, area=area)
    SystemInUseFactory(municipality=_town("王寺町", "おうじちょう", population=24000), area=area)
    log_in(member(Role.STAFF, base))

    page = client.get("/procurement/partners/").content.decode()

    assert "王寺町" in page
    assert "契約終了が12か月以内に重なります" in page
    assert "概数" in page


def test_staff_cannot_rank_for_another_municipality_and_an_advisor_chooses_one(client, log_in):
    base = _town("上牧町", "かんまきちょう", region="西和", population=22000)
    other = _town("王寺町", "おうじちょう", region="西和", population=24000)
    log_in(member(Role.STAFF, base))
    assert client.get(f"/procurement/partners/?municipality={other.code}").status_code == 404

    client.logout()
    log_in(member(Role.ADVISOR))
    chooser = client.get("/procurement/partners/").content.decode()
    assert "団体を選んでください" in chooser
    page = client.get(f"/procurement/partners/?municipality={other.code}").content.decode()
    assert "上牧町" in page and "同じ地域（西和）の、同じ郡（北葛城郡）の団体です。" in page


def test_the_workspace_ranking_offers_to_invite_with_the_reasons_carried_into_the_form(client, log_in):
    founder = _town("葛城市", "かつらぎし", district="", region="中和", population=37000)
    workspace = WorkspaceFactory()
    WorkspaceMemberFactory(workspace=workspace, municipality=founder, is_founder=True)
    candidate = _town("広陵町", "こうりょうちょう", region="中和", population=35000)
    log_in(member(Role.STAFF, founder))

    page = client.get(f"/procurement/{workspace.slug}/partners/").content.decode()
    assert "呼びかける" in page
    form = client.get(f"/procurement/{workspace.slug}/invitations/new/?municipality={candidate.code}")
    assert "同じ地域です（中和）。" in form.content.decode()
