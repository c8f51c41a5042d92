"""An address someone types or pastes for a page of this portal: kept as its path when it leads to a
page here, refused with a message when it is another site's or leads nowhere."""

import pytest
from django.core.exceptions import ValidationError

from portal.links import site_path
from tests.factories import case_study

pytestmark = pytest.mark.django_db


def test_a_path_of_one_of_the_portals_views_is_kept_as_it_was_typed():
    assert site_path("  /knowhow/12/  ") == "/knowhow/12/"
    assert site_path("/knowhow/?tag=LGWAN#results") == "/knowhow/?tag=LGWAN#results"


def test_an_address_copied_from_the_address_bar_of_this_site_becomes_its_path(settings):
    settings.ALLOWED_HOSTS = ["madoguchi.example.jp"]
    assert (
        site_path("https://madoguchi.example.jp/consultations/C-2026-00001/")
        == "/consultations/C-2026-00001/"
    )


def test_the_address_of_another_site_is_refused():
    for address in ("https://evil.example.com/knowhow/1/", "//evil.example.com/knowhow/1/"):
        with pytest.raises(ValidationError, match="このサイトのページのURL"):
            site_path(address)


def test_a_script_or_a_relative_address_is_refused():
    for address in ("javascript:alert(1)", "knowhow/1/", ""):
        with pytest.raises(ValidationError, match="このサイトのページのURL"):
            site_path(address)


def test_a_path_that_leads_to_no_page_is_refused():
    with pytest.raises(ValidationError, match="このサイトにそのページはありません"):
        site_path("/knowhw/12/")


def test_a_published_case_study_is_a_page_and_a_draft_is_not():
    published, draft = case_study(title="公開済みの事例"), case_study(title="下書きの事例", publish=False)
    assert site_path(published.url) == published.url
    with pytest.raises(ValidationError, match="このサイトにそのページはありません"):
        site_path(f"/cases/{draft.slug}/")
