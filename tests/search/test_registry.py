"""The search seam: how apps register document types, and who a document's visibility admits.

None of these talks to Elasticsearch: the registry only describes documents.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured

from portal.models import Membership, Municipality, Role, SystemArea
from search import registry
from search.registry import DocumentType, Registry, Visibility, plain_text
from tests.factories import MunicipalityFactory, member


def municipality_type(**overrides) -> DocumentType:
    values = {
        "name": "municipality",
        "label": "団体",
        "model": Municipality,
        "prepare": lambda m: {"title": m.name, "reference": m.code},
        "queryset": Municipality.objects.all,
        "visibility": lambda m: Visibility(public=True),
        "view_action": "municipality.view",
    }
    return DocumentType(**{**values, **overrides})


def test_a_registered_type_is_listed_in_registration_order():
    types = Registry()
    first = municipality_type()
    second = municipality_type(name="system_area", model=SystemArea)
    types.register(first)
    types.register(second)

    assert types.all() == (first, second)


def test_registering_a_name_twice_is_refused():
    types = Registry()
    types.register(municipality_type())

    with pytest.raises(ImproperlyConfigured, match="already registered"):
        types.register(municipality_type(model=SystemArea))


def test_registering_a_second_type_for_the_same_model_is_refused():
    types = Registry()
    types.register(municipality_type())

    with pytest.raises(ImproperlyConfigured, match="Municipality already has"):
        types.register(municipality_type(name="town"))


def test_a_type_must_name_one_of_the_two_indexes():
    with pytest.raises(ImproperlyConfigured, match="unknown index 'elsewhere'"):
        municipality_type(index="elsewhere")


@pytest.mark.django_db
def test_a_type_may_not_prepare_the_indexers_own_fields():
    sloppy = municipality_type(prepare=lambda m: {"title": m.name, "visibility": {}})

    with pytest.raises(ImproperlyConfigured, match="reserved fields"):
        sloppy.document(MunicipalityFactory())


@pytest.mark.django_db
def test_document_holds_the_prepared_data_its_type_and_who_may_find_it():
    town = MunicipalityFactory(name="河合町")

    document = municipality_type().document(town)

    assert document["title"] == "河合町"
    assert document["kind"] == "municipality"
    assert document["visibility"] == {"public": True, "municipalities": [], "roles": []}
    assert len(document["digest"]) == 32


@pytest.mark.django_db
def test_the_digest_changes_with_the_content_and_only_with_it():
    town = MunicipalityFactory(name="河合町")
    first = municipality_type().document(town)["digest"]
    assert municipality_type().document(town)["digest"] == first

    town.name = "河合町役場"
    assert municipality_type().document(town)["digest"] != first


@pytest.mark.django_db
def test_document_refuses_prepared_data_the_mapping_does_not_declare():
    town = MunicipalityFactory()
    sloppy = municipality_type(prepare=lambda m: {"title": m.name, "kana": m.kana})

    with pytest.raises(ImproperlyConfigured, match=r"undeclared fields \['kana'\]"):
        sloppy.document(town)


def test_plain_text_drops_tags_and_entities_of_stored_html():
    assert plain_text("<p>庁舎 &amp; 分庁舎</p>\n<p>BCP</p>") == "庁舎 & 分庁舎\nBCP"


def test_apps_register_case_studies_and_consultations():
    assert {"case_study", "consultation"} <= {t.name for t in registry.all()}


@pytest.mark.django_db
class TestVisibility:
    def test_a_public_document_admits_everyone_even_anonymous_visitors(self):
        assert Visibility(public=True).admits(AnonymousUser())

    def test_a_private_document_admits_nobody_who_is_not_logged_in(self):
        town = MunicipalityFactory()
        private = Visibility(municipalities=frozenset({town.pk}), roles=frozenset({Role.ADVISOR}))

        assert not private.admits(AnonymousUser())

    def test_a_document_admits_the_roles_it_names(self):
        private = Visibility(roles=frozenset({Role.ADVISOR}))

        assert private.admits(member(Role.ADVISOR))
        assert not private.admits(member(Role.OFFICIAL))

    def test_a_document_admits_staff_of_its_municipalities_only(self):
        own, other = MunicipalityFactory(), MunicipalityFactory()
        private = Visibility(municipalities=frozenset({own.pk}))

        assert private.admits(member(Role.STAFF, own))
        assert not private.admits(member(Role.STAFF, other))

    def test_a_pending_or_ended_member_is_not_admitted(self):
        own = MunicipalityFactory()
        private = Visibility(municipalities=frozenset({own.pk}), roles=frozenset({Role.ADVISOR}))

        assert not private.admits(member(Role.STAFF, own, state=Membership.State.PENDING))
        assert not private.admits(member(Role.ADVISOR, state=Membership.State.ENDED))

    def test_visibility_as_data_is_sorted_lists(self):
        data = Visibility(municipalities=frozenset({3, 1}), roles=frozenset({"b", "a"})).to_dict()

        assert data == {"public": False, "municipalities": [1, 3], "roles": ["a", "b"]}
