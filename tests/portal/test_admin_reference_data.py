import pytest

from portal.models import Municipality, MunicipalityEmailDomain, Role
from tests.factories import MunicipalityEmailDomainFactory, MunicipalityFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, log_in):
    admin = member(Role.ADMIN)
    log_in(admin)
    return client


def test_admin_lists_municipalities_in_kana_order(admin_client):
    MunicipalityFactory(name="河合町", kana="かわいちょう")
    MunicipalityFactory(name="明日香村", kana="あすかむら")
    html = admin_client.get("/admin/municipalities/").content.decode()
    assert html.index("明日香村") < html.index("河合町")


def test_admin_registers_a_mail_domain_for_a_municipality(admin_client):
    town = MunicipalityFactory(name="河合町", kana="かわいちょう")
    response = admin_client.post(
        "/admin/mail-domains/new/", {"municipality": town.pk, "domain": " Town.Kawai.LG.JP "}
    )
    assert response.status_code == 302
    assert MunicipalityEmailDomain.objects.get().domain == "town.kawai.lg.jp"


def test_advisor_cannot_edit_reference_data(client, log_in):
    advisor = member(Role.ADVISOR)
    log_in(advisor)
    town = MunicipalityFactory()
    response = client.post(f"/admin/municipalities/edit/{town.pk}/", {"name": "改名"})
    assert response.status_code in (302, 403)
    town.refresh_from_db()
    assert town.name != "改名"
    assert Municipality.objects.filter(name="改名").count() == 0


def test_a_domain_differing_only_in_case_or_a_trailing_dot_is_a_duplicate(admin_client):
    town = MunicipalityFactory()
    MunicipalityEmailDomainFactory(municipality=town, domain="town.kawai.lg.jp")
    response = admin_client.post(
        "/admin/mail-domains/new/", {"municipality": town.pk, "domain": "@Town.Kawai.LG.JP."}
    )
    assert response.status_code == 200
    assert MunicipalityEmailDomain.objects.count() == 1


def test_a_domain_that_is_not_a_domain_is_refused_with_a_message(admin_client):
    town = MunicipalityFactory()
    response = admin_client.post(
        "/admin/mail-domains/new/", {"municipality": town.pk, "domain": "not a domain"}
    )
    assert "ドメイン名を入力してください" in response.content.decode()
    assert not MunicipalityEmailDomain.objects.exists()
