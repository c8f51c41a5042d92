"""The kernel's seams between apps: offers on another app's objects, and material lent to write from."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import material, offers
from tests import factories


@pytest.fixture
def own_registries(monkeypatch):
    monkeypatch.setattr(offers._offers, "_items", {})
    monkeypatch.setattr(material._sources, "_items", {})


def _municipality_offer(name="test.offer", order=500, visible=lambda user, obj: True):
    return offers.Offer(
        name=name,
        label=f"label of {name}",
        model="portal.municipality",
        url=lambda obj: f"/somewhere/{obj.pk}/",
        visible=visible,
        order=order,
    )


@pytest.mark.django_db
def test_an_object_shows_the_offers_registered_for_its_model_that_the_user_may_see(own_registries):
    user = factories.member("staff")
    municipality = factories.MunicipalityFactory()
    offers.register(
        _municipality_offer("later", order=600),
        _municipality_offer("sooner", order=100),
        _municipality_offer("hidden", visible=lambda user, obj: False),
        offers.Offer("other", "x", "portal.user", url=lambda obj: "/", visible=lambda user, obj: True),
    )

    shown = offers.offers_for(user, municipality)

    assert [(entry.label, entry.url) for entry in shown] == [
        ("label of sooner", f"/somewhere/{municipality.pk}/"),
        ("label of later", f"/somewhere/{municipality.pk}/"),
    ]


def test_an_offer_name_registered_twice_is_a_configuration_error(own_registries):
    offers.register(_municipality_offer("once"))
    with pytest.raises(ImproperlyConfigured):
        offers.register(_municipality_offer("once"))


@pytest.mark.django_db
def test_material_comes_from_the_source_registered_for_the_object_model(own_registries):
    municipality = factories.MunicipalityFactory()
    material.register(
        material.Source(
            name="town",
            model="portal.municipality",
            load=lambda pk: material.Material(source="town", pk=pk, label="L", title=f"town {pk}"),
        )
    )

    assert material.get("town", municipality.pk).title == f"town {municipality.pk}"
    assert material.of(municipality).pk == municipality.pk
    assert material.get("unknown", municipality.pk) is None
    assert material.of(factories.member("staff")) is None


def test_a_source_name_registered_twice_is_a_configuration_error(own_registries):
    source = material.Source(name="twice", model="portal.user", load=lambda pk: None)
    material.register(source)
    with pytest.raises(ImproperlyConfigured):
        material.register(source)
