"""An address someone types or pastes for a page of this portal: kept as its path when it leads to a
page the person can open, refused with a message when it is another site's or leads nowhere."""

import pytest
from django.core.exceptions import ValidationError

from portal.links import opens, site_path
from portal.models import Role
from tests.factories import MunicipalityFactory, case_study, consultation, member

pytestmark = pytest.mark.django_db

NO_PAGE = "このサイトにそのページはありません"


@pytest.fixture
def advisor():
    return member(Role.ADVISOR)


def test_a_page_addressed_by_nothing_is_kept_as_it_was_typed(advisor):
    assert site_path("  /knowhow/  ", actor=advisor) == "/knowhow/"
    assert site_path("/knowhow/?tag=LGWAN#results", actor=advisor) == "/knowhow/?tag=LGWAN#results"


def test_an_address_copied_from_the_address_bar_of_this_site_becomes_its_path(settings, advisor):
    settings.ALLOWED_HOSTS = ["madoguchi.example.jp"]
    c = consultation()
    assert site_path(f"https://madoguchi.example.jp/consultations/{c.reference}/", actor=advisor) == (
        f"/consultations/{c.reference}/"
    )


def test_the_address_of_another_site_is_refused(advisor):
    for address in ("https://evil.example.com/knowhow/", "//evil.example.com/knowhow/"):
        with pytest.raises(ValidationError, match="このサイトのページのURL"):
            site_path(address, actor=advisor)


def test_a_script_or_a_relative_address_is_refused(advisor):
    for address in ("javascript:alert(1)", "knowhow/", ""):
        with pytest.raises(ValidationError, match="このサイトのページのURL"):
            site_path(address, actor=advisor)


def test_a_path_that_leads_to_no_page_is_refused(advisor):
    with pytest.raises(ValidationError, match=NO_PAGE):
        site_path("/knowhw/12/", actor=advisor)


def test_a_consultation_that_does_not_exist_is_no_page(advisor):
    with pytest.raises(ValidationError, match=NO_PAGE):
        site_path("/consultations/C-2026-99999/", actor=advisor)


def test_a_consultation_opens_only_for_those_who_may_see_it(advisor):
    town = MunicipalityFactory()
    c = consultation(member(Role.STAFF, town))
    path = f"/consultations/{c.reference}/"
    assert opens(advisor, path) and opens(member(Role.STAFF, town), path)
    assert not opens(member(Role.STAFF, MunicipalityFactory()), path)
    assert not opens(member(Role.OFFICIAL), path)


def test_an_action_or_a_file_addressed_by_an_object_is_not_a_page_to_link_to(advisor):
    c = consultation()
    assert not opens(advisor, f"/consultations/{c.reference}/reply/")
    assert not opens(advisor, "/consultations/exports/1/")


def test_a_published_case_study_is_a_page_and_a_draft_is_not(advisor):
    published, draft = case_study(title="公開済みの事例"), case_study(title="下書きの事例", publish=False)
    assert site_path(published.url, actor=advisor) == published.url
    with pytest.raises(ValidationError, match=NO_PAGE):
        site_path(f"/cases/{draft.slug}/", actor=advisor)
