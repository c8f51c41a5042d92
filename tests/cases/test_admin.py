"""Wagtail admin for cases: listings with filters for advisors, snippets, and the document limits."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.documents.forms import get_document_form
from wagtail.documents.models import Document

from cases.models import AdoptionGroup
from portal.models import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def test_advisor_lists_cases_with_filters_and_edits_adoption_snippets(client, log_in, seeded):
    log_in(member(Role.ADVISOR))
    listing = client.get("/admin/case_studies/?arrangement=joint_cloud")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "奈良県基幹システム共同化検討会（7団体の共同クラウド）" in html
    assert "単独クラウド（14団体）" not in html

    groups = client.get("/admin/snippets/cases/adoptiongroup/?system=koseki")
    assert groups.status_code == 200
    assert "戸籍事務共同化（吉野広域行政事務組合）" in groups.content.decode()
    assert "単独クラウド" not in groups.content.decode().split("<tbody")[1]

    group = AdoptionGroup.objects.get(name="人事給与システム共同利用")
    edit = client.get(f"/admin/snippets/cases/adoptiongroup/edit/{group.pk}/")
    assert edit.status_code == 200


def test_staff_and_officials_do_not_enter_the_admin(client, seeded):
    for role in (Role.STAFF, Role.OFFICIAL):
        client.force_login(member(role))
        assert client.get("/admin/case_studies/").status_code == 302


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_documents_refuse_other_extensions_and_oversized_files(db):
    form_class = get_document_form(Document)

    def form(name, size):
        return form_class(
            {"title": "資料"},
            {"file": SimpleUploadedFile(name, b"x" * size)},
            user=None,
        )

    assert form("rfp.pdf", 100).is_valid()
    assert "file" in form("tool.exe", 100).errors
    assert "file" in form("big.pdf", 2048).errors


def test_the_configured_document_limits(settings):
    assert settings.WAGTAILDOCS_EXTENSIONS == ["pdf", "docx", "xlsx", "pptx", "csv", "txt"]
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


def test_a_case_cannot_take_the_slug_of_a_portal_screen(db):
    from django.core.exceptions import ValidationError

    from cases.models import CaseStudyPage
    from tests.factories import case_index

    page = CaseStudyPage(
        title="推進状況", slug="adoption", summary="x", arrangement="joint_use", system="core"
    )
    with pytest.raises(ValidationError) as error:
        case_index().add_child(instance=page)
    assert "slug" in error.value.message_dict


def test_stated_totals_are_for_admins_only(client, log_in, seeded):
    from cases.models import StatedTotal

    total = StatedTotal.objects.get(scope="cloud")
    edit_url = f"/admin/snippets/cases/statedtotal/edit/{total.pk}/"
    log_in(member(Role.ADVISOR))
    assert client.get(edit_url).status_code != 200
    client.post(edit_url, {"label_as_written": total.label_as_written, "value": 99, "scope": "cloud"})
    assert StatedTotal.objects.get(pk=total.pk).value == 21
    assert client.get("/admin/snippets/cases/statedtotal/").status_code != 200

    log_in(member(Role.ADMIN))
    assert client.get(edit_url).status_code == 200
