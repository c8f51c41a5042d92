import pytest
from django.core.management import call_command

from portal.models import Municipality
from portal.selectors import districts_in_kana_order, municipalities_in_kana_order

pytestmark = pytest.mark.django_db


def run(command, *args):
    from io import StringIO

    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_load_reference_data_twice_leaves_39_municipalities_and_says_so():
    first = run("load_reference_data")
    assert "39 created" in first
    second = run("load_reference_data")
    assert "0 created, 0 updated, 39 unchanged (39 in total)" in second
    assert Municipality.objects.count() == 39


def test_populations_are_flagged_approximate_and_official_figures_survive_a_reload():
    run("load_reference_data")
    kashiba = Municipality.objects.get(code="29210")
    assert kashiba.name == "香芝市"
    assert kashiba.population_is_approximate
    kashiba.population = 77905
    kashiba.population_is_approximate = False
    kashiba.save()
    run("load_reference_data")
    kashiba.refresh_from_db()
    assert (kashiba.population, kashiba.population_is_approximate) == (77905, False)


def test_municipalities_are_listed_in_gojuon_order_by_kana():
    run("load_reference_data")
    names = list(municipalities_in_kana_order().values_list("name", flat=True))
    assert names[:3] == ["明日香村", "安堵町", "斑鳩町"]
    # A dictionary compares unvoiced forms first: かしはし(香芝) < かしはら(橿原), though code points
    # put は after ば.
    assert names.index("香芝市") < names.index("橿原市")
    assert names.index("五條市") < names.index("御所市") < names.index("三郷町")


def test_load_demo_refuses_without_debug(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        run("load_demo")


def test_load_demo_is_idempotent(settings):
    from portal.models import Membership, User

    settings.DEBUG = True
    run("load_reference_data")
    first = run("load_demo")
    assert "5 created" in first
    counts = (User.objects.count(), Membership.objects.count())
    second = run("load_demo")
    assert "0 created, 5 already there" in second
    assert (User.objects.count(), Membership.objects.count()) == counts


@pytest.mark.parametrize(
    "email",
    [
        "kashiba.staff@example.jp",
        "kawai.staff@example.jp",
        "advisor@example.jp",
        "official@example.jp",
        "admin@example.jp",
    ],
)
def test_each_demo_account_logs_in_and_advisors_only_with_their_totp_code(client, settings, email):
    from django.urls import reverse

    from portal.management.commands.load_demo import DEMO_PASSWORD, DEMO_TOTP_SECRETS
    from tests.conftest import totp_code

    settings.DEBUG = True
    run("load_reference_data")
    run("load_demo")
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    if email in DEMO_TOTP_SECRETS:
        assert response["Location"] == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session
        client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRETS[email])})
    assert client.session.get("_auth_user_id")
    assert client.get("/").status_code == 200


DISTRICTS_IN_GOJUON_ORDER = ["生駒郡", "宇陀郡", "北葛城郡", "磯城郡", "高市郡", "山辺郡", "吉野郡"]


def test_districts_are_listed_in_gojuon_order_by_their_reading():
    run("load_reference_data")
    assert districts_in_kana_order() == DISTRICTS_IN_GOJUON_ORDER


def test_an_install_loaded_before_district_readings_gets_them_on_the_next_run():
    run("load_reference_data")
    Municipality.objects.update(district_kana="")
    assert "0 created, 27 updated, 12 unchanged" in run("load_reference_data")
    assert Municipality.objects.get(name="河合町").district_kana == "きたかつらぎぐん"
    assert districts_in_kana_order() == DISTRICTS_IN_GOJUON_ORDER


def test_the_loader_gives_every_municipality_and_district_its_english_name():
    run("load_reference_data")
    assert Municipality.objects.filter(name_en="").count() == 0
    names = dict(Municipality.objects.values_list("name", "name_en"))
    assert (names["奈良市"], names["香芝市"], names["河合町"], names["十津川村"]) == (
        "Nara City",
        "Kashiba City",
        "Kawai Town",
        "Totsukawa Village",
    )
    # Long vowels without macrons, as the municipalities write their own names.
    assert (names["五條市"], names["大淀町"], names["大和郡山市"]) == (
        "Gojo City",
        "Oyodo Town",
        "Yamatokoriyama City",
    )
    assert Municipality.objects.get(name="河合町").district_en == "Kitakatsuragi District"
    assert not Municipality.objects.filter(district="").exclude(district_en="").exists()
    assert not Municipality.objects.exclude(district="").filter(district_en="").exists()


def test_an_install_loaded_before_english_names_gets_them_once_and_keeps_an_admins_correction():
    run("load_reference_data")
    Municipality.objects.update(name_en="", district_en="")
    Municipality.objects.filter(name="香芝市").update(name_en="Kashiba")
    first = run("load_reference_data")
    assert "0 created, 38 updated, 1 unchanged" in first  # 香芝市 has no 郡 and keeps its own name
    assert Municipality.objects.get(name="香芝市").name_en == "Kashiba"
    assert Municipality.objects.get(name="河合町").name_en == "Kawai Town"
    assert "0 created, 0 updated, 39 unchanged (39 in total)" in run("load_reference_data")


def test_the_loader_names_the_system_areas_in_english_once_and_keeps_an_admins_correction():
    from portal.models import SystemArea

    SystemArea.objects.filter(name="税務").update(name_en="Tax")
    first = run("load_reference_data")
    assert "system areas: 19 English names filled (20 in total)" in first
    english = dict(SystemArea.objects.values_list("name", "name_en"))
    assert english["住民記録"] == "Resident records"
    assert english["戸籍"] == "Family register (koseki)"
    assert english["税務"] == "Tax"
    assert "system areas: 0 English names filled" in run("load_reference_data")


def test_names_and_lists_follow_the_active_language():
    from django.utils import translation

    run("load_reference_data")
    with translation.override("en"):
        names = [str(m) for m in Municipality.in_display_order()]
        assert names[:3] == ["Ando Town", "Asuka Village", "Gojo City"]
        assert names == sorted(names)
        assert Municipality.objects.get(name="河合町").localized_district == "Kitakatsuragi District"
    with translation.override("ja"):
        names = [str(m) for m in Municipality.in_display_order()]
        assert names[:3] == ["明日香村", "安堵町", "斑鳩町"]


def test_the_membership_label_uses_the_languages_own_brackets():
    from django.utils import translation

    from portal.models import Role
    from tests.factories import MembershipFactory, MunicipalityFactory

    kashiba = MunicipalityFactory(name="香芝市", name_en="Kashiba City", kana="かしばし")
    membership = MembershipFactory(role=Role.STAFF, municipality=kashiba)
    with translation.override("ja"):
        assert membership.role_label == "市町村職員（香芝市）"
    with translation.override("en"):
        assert membership.role_label == "Municipal staff (Kashiba City)"


def test_every_municipality_is_loaded_with_its_region_cities_included():
    run("load_reference_data")
    assert not Municipality.objects.filter(region="").exists()
    kashiba = Municipality.objects.get(code="29210")
    kawai = Municipality.objects.get(code="29427")
    assert (kashiba.region, kashiba.district, kawai.region) == ("中和", "", "西和")
    assert set(Municipality.objects.values_list("region", flat=True)) == {
        "北和",
        "西和",
        "中和",
        "東和",
        "南和",
    }
