"""What the desk tells and offers for joint work: the areas municipalities filed about (ids and dates,
no titles), and 「共同で相談する」, a new-consultation form prefilled with partners only as far as safe."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import joint_work, services
from consultations.models import Consultation, Status
from portal.models import SystemArea
from tests.factories import MunicipalityFactory, consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    return {
        "juki": SystemArea.objects.get_or_create(name="住民記録", defaults={"order": 10})[0],
        "old": SystemArea.objects.create(name="使われなくなった分野", order=999, active=False),
    }


def checked(html, name, value) -> bool:
    """Whether the form's check box (or radio) `name` with `value` is ticked."""
    for tag in html.split("<input")[1:]:
        tag = tag.split(">", 1)[0]
        if f'name="{name}"' in tag and f'value="{value}"' in tag:
            return " checked" in tag
    raise AssertionError(f"no {name}={value} on the page")


def test_an_invitation_link_ticks_its_partners_areas_and_category(client, log_in, desk, areas):
    third = MunicipalityFactory(name="王寺町", kana="おうじちょう")
    log_in(desk["people"]["staff_own"])
    query = f"?partners={desk['other'].pk},{third.pk}&system_areas={areas['juki'].pk}&category=joint_use"

    html = client.get(reverse("consultations:new") + query).content.decode()

    assert checked(html, "joint_municipalities", desk["other"].pk)
    assert checked(html, "joint_municipalities", third.pk)
    assert checked(html, "system_areas", areas["juki"].pk)
    assert 'value="joint_use" selected' in html


def test_an_invitation_link_never_makes_the_own_municipality_a_partner_and_ignores_what_names_nothing(
    client, log_in, desk, areas
):
    log_in(desk["people"]["staff_own"])
    query = (
        f"?partners={desk['own'].pk},abc,99999999,²,-{desk['other'].pk}"
        f"&system_areas={areas['old'].pk},x&category=nonsense"
    )

    response = client.get(reverse("consultations:new") + query)

    assert response.status_code == 200
    html = response.content.decode()
    # The own municipality is not even offered; a negative or malformed id names nothing.
    assert f'name="joint_municipalities" value="{desk["own"].pk}"' not in html
    assert not checked(html, "joint_municipalities", desk["other"].pk)
    assert f'value="{areas["old"].pk}"' not in html
    assert "selected" not in html.split('name="category"', 1)[1].split("</select>", 1)[0]


def test_the_starter_leads_each_invited_municipality_to_a_form_with_the_others_as_partners(
    client, log_in, desk, areas
):
    url = joint_work.STARTER.url([desk["own"], desk["other"]], [areas["juki"]])
    log_in(desk["people"]["staff_other"])

    html = client.get(url).content.decode()

    assert checked(html, "joint_municipalities", desk["own"].pk)
    assert f'name="joint_municipalities" value="{desk["other"].pk}"' not in html
    assert checked(html, "system_areas", areas["juki"].pk)


def test_the_desk_tells_which_municipalities_filed_about_an_area_in_the_period(desk, areas):
    people = desk["people"]
    recent = consultation(people["staff_own"], system_areas=[areas["juki"]], joint=[desk["other"]])
    old = consultation(people["staff_other"], system_areas=[areas["juki"]])
    Consultation.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    consultation(people["staff_other"])  # no system area: nothing to tell
    withdrawn = consultation(people["staff_other"], system_areas=[areas["juki"]])
    services.consultation_transition(
        consultation_id=withdrawn.pk, actor=people["staff_other"], to=Status.WITHDRAWN
    )

    found = joint_work.PROVIDER.activity(timezone.now() - datetime.timedelta(days=365))

    pairs = {(a.system_area_id, a.municipality_id) for a in found}
    assert pairs == {(areas["juki"].pk, desk["own"].pk), (areas["juki"].pk, desk["other"].pk)}
    assert all(a.at == recent.created_at and not a.anonymous for a in found)
