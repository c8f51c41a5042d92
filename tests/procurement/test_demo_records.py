"""load_demo gives the forming group its Q&A, documents and decision log, and the seed's finished group
its log, once; the demo's files pass the kernel's checks and download."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from portal.models import Notification, User
from procurement.models import Agreement, Document, DocumentVersion, VendorQuestion, Workspace
from tests.conftest import built_once

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("procurement-demo-records")

    def build():
        with override_settings(DEBUG=True, PRIVATE_STORAGE_ROOT=files):
            call_command("load_reference_data", verbosity=0)
            call_command("load_demo", stdout=StringIO())
        return files

    yield from built_once(django_db_blocker, build)


@pytest.fixture(autouse=True)
def _files(settings, loaded):
    settings.PRIVATE_STORAGE_ROOT = loaded


def _forming():
    return Workspace.objects.get(slug="kita-katsuragi-kikan")


def test_the_forming_group_has_rfi_and_rfp_questions_from_two_vendors_most_published():
    questions = VendorQuestion.objects.filter(workspace=_forming())
    assert questions.count() == 8
    assert set(questions.values_list("round", flat=True)) == {"rfi", "rfp"}
    assert questions.values("vendor").distinct().count() == 2
    assert questions.filter(published_at__isnull=False).count() == 6
    assert questions.filter(answer="").count() == 1


def test_the_forming_groups_documents_include_the_rfp_in_two_versions_with_a_note(client, log_in):
    documents = Document.objects.filter(workspace=_forming())
    assert sorted(documents.values_list("kind", flat=True)) == sorted(
        ["rfi", "rfp", "minutes", "minutes", "minutes", "compact"]
    )
    rfp = documents.get(kind="rfp")
    assert list(rfp.versions.values_list("number", flat=True)) == [2, 1]
    assert "ノーカスタマイズ" in rfp.versions.first().note
    log_in(User.objects.get(email="kawai.staff@example.jp"))
    for version in DocumentVersion.objects.filter(document__workspace=_forming()):
        tail = f"documents/{version.document_id}/versions/{version.number}/download/"
        response = client.get(f"/procurement/kita-katsuragi-kikan/{tail}")
        assert response.status_code == 200, version.name
        assert b"".join(response.streaming_content)


def test_the_forming_groups_log_has_its_agreements_and_one_correction():
    log = Agreement.objects.filter(workspace=_forming())
    assert log.count() == 6
    texts = " ".join(log.values_list("text", flat=True))
    for decided in (
        "3団体で確定",
        "事務局業務を支援事業者に委託",
        "5業務とする",
        "原課職員によるデモ評価",
        "ノーカスタマイズ",
    ):
        assert decided in texts
    corrected = log.get(superseded_by__isnull=False)
    assert "デモ評価" in corrected.text
    # 河合町 joined after the first meeting: it is not among those who agreed there.
    first = log.get(number=1)
    assert set(first.agreed_by.values_list("municipality__name", flat=True)) == {"香芝市", "葛城市"}


def test_the_finished_group_keeps_the_seeds_story_as_its_log(client, log_in):
    log = Agreement.objects.filter(workspace__slug="nara-kikan-kyodoka")
    texts = " ".join(log.values_list("text", flat=True))
    assert "総合評価型プロポーザル" in texts
    assert "6か月" in texts
    assert all(agreement.agreed_by.count() == 7 for agreement in log)
    log_in(User.objects.get(email="official@example.jp"))
    page = client.get("/procurement/nara-kikan-kyodoka/decisions/").content.decode()
    assert "総合評価型プロポーザル方式で選定する" in page


def test_loading_the_demo_sends_no_notices():
    assert not Notification.objects.filter(kind__startswith="procurement_").exists()


def test_a_second_load_changes_nothing(settings):
    settings.DEBUG = True
    before = (VendorQuestion.objects.count(), DocumentVersion.objects.count(), Agreement.objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert (
        VendorQuestion.objects.count(),
        DocumentVersion.objects.count(),
        Agreement.objects.count(),
    ) == before
    assert (
        "procurement records: the demo Q&A, documents and decision logs are already there" in out.getvalue()
    )
