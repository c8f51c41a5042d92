"""The group's documents: versions (the latest first, earlier ones kept), private downloads with the
Japanese name, hostile files refused by the kernel's checks with nothing saved, and one notice per
upload to the members' staff."""

import os
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.models import Notification, Role
from portal.uploads import check_upload
from procurement import files_records, services_records
from procurement.models import Document, DocumentVersion
from procurement.notifications_records import DOCUMENT_VERSION
from tests.consultations import pdfs
from tests.factories import SecretariatFactory, WorkspaceFactory, member, run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def _stored_files(settings) -> list[str]:
    folder = settings.PRIVATE_STORAGE_ROOT / files_records.AREA
    return os.listdir(folder) if folder.exists() else []


def _url(world, tail=""):
    return f"/procurement/{world['workspace'].slug}/documents/{tail}"


def _upload_spec(world, *, by="founder", data=None):
    return services_records.document_create(
        actor=world["people"][by],
        workspace_id=world["workspace"].pk,
        kind="rfp",
        title="RFP 要求仕様書",
        upload=check_upload(SimpleUploadedFile("要求仕様書_第1版.pdf", data or pdfs.plain())),
    )


def test_a_member_uploads_a_document_and_everyone_inside_downloads_it_by_its_japanese_name(
    client, log_in, procurement_world
):
    world = procurement_world
    log_in(world["people"]["member"])
    upload = SimpleUploadedFile("第1回検討会議事録.txt", "第1回検討会 議事録".encode())
    response = client.post(
        _url(world, "new/"), {"kind": "minutes", "title": "第1回検討会 議事録", "file": upload, "note": ""}
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url(world, f"{document.pk}/")
    for who in ("founder", "secretariat", "consultant"):
        log_in(world["people"][who])
        download = client.get(_url(world, f"{document.pk}/versions/1/download/"))
        assert download.status_code == 200, who
        assert quote("第1回検討会議事録.txt") in download["Content-Disposition"]
        assert download["Content-Disposition"].startswith("attachment")
        assert download["X-Content-Type-Options"] == "nosniff"
        assert b"".join(download.streaming_content) == "第1回検討会 議事録".encode()


def test_a_second_version_is_shown_first_with_its_note_and_the_first_stays_downloadable(
    client, log_in, procurement_world
):
    world = procurement_world
    document = _upload_spec(world)
    log_in(world["people"]["secretariat"])
    second = SimpleUploadedFile("要求仕様書_第2版.pdf", pdfs.plain(padding=2000))
    response = client.post(
        _url(world, f"{document.pk}/versions/"), {"file": second, "note": "SLAの項目を追加"}
    )
    assert response.status_code == 302
    assert list(document.versions.values_list("number", "note")) == [(2, "SLAの項目を追加"), (1, "")]

    page = client.get(_url(world, f"{document.pk}/")).content.decode()
    assert page.index("要求仕様書_第2版.pdf") < page.index("要求仕様書_第1版.pdf")
    assert "SLAの項目を追加" in page
    first = client.get(_url(world, f"{document.pk}/versions/1/download/"))
    assert b"".join(first.streaming_content) == pdfs.plain()


def test_the_same_file_sent_twice_makes_one_version(client, log_in, procurement_world):
    world = procurement_world
    document = _upload_spec(world)
    log_in(world["people"]["founder"])
    for _ in range(2):
        file = SimpleUploadedFile("要求仕様書_第2版.pdf", pdfs.plain(padding=500))
        assert client.post(_url(world, f"{document.pk}/versions/"), {"file": file}).status_code == 302
    assert document.versions.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "要求仕様書.pdf",
            pdfs.javascript_open_action(),
            "JavaScript（スクリプト）を含むPDFは受け付けられません",
        ),
        ("要求仕様書.pdf", b"MZ\x90\x00 not a pdf", "拡張子と中身が一致しません"),
        ("setup.exe", b"MZ\x90\x00", "この種類のファイルは添付できません"),
    ],
)
def test_a_hostile_file_is_refused_with_the_kernels_message_and_nothing_is_saved(
    client, log_in, procurement_world, settings, name, data, message
):
    world = procurement_world
    document = _upload_spec(world)
    before = _stored_files(settings)
    log_in(world["people"]["member"])
    new = client.post(
        _url(world, "new/"),
        {"kind": "rfp", "title": "RFP 要求仕様書（別紙）", "file": SimpleUploadedFile(name, data)},
    )
    version = client.post(_url(world, f"{document.pk}/versions/"), {"file": SimpleUploadedFile(name, data)})
    for response in (new, version):
        assert response.status_code == 200
        assert message in response.content.decode()
    assert "RFP 要求仕様書（別紙）" in new.content.decode()  # what was typed stays
    assert list(Document.objects.values_list("title", flat=True)) == ["RFP 要求仕様書"]
    assert DocumentVersion.objects.count() == 1
    assert _stored_files(settings) == before


def test_a_second_document_with_the_same_title_is_refused_next_to_the_title(
    client, log_in, procurement_world
):
    world = procurement_world
    _upload_spec(world)
    log_in(world["people"]["founder"])
    response = client.post(
        _url(world, "new/"),
        {
            "kind": "rfp",
            "title": "RFP 要求仕様書",
            "file": SimpleUploadedFile("別の仕様書.txt", "別".encode()),
        },
    )
    assert response.status_code == 200
    assert (
        "同じ題名の資料がすでにあります。その資料の新しい版として登録してください。"
        in response.content.decode()
    )
    assert DocumentVersion.objects.count() == 1


def test_a_new_version_tells_the_members_staff_once_but_not_the_uploader_or_the_secretariat(
    procurement_world,
):
    world = procurement_world
    document = _upload_spec(world, by="founder")
    services_records.document_version_add(
        actor=world["people"]["founder"],
        document_id=document.pk,
        upload=check_upload(SimpleUploadedFile("要求仕様書_第2版.pdf", pdfs.plain(padding=100))),
        note="データ移行の範囲を追記",
    )
    run_tasks()
    notices = Notification.objects.filter(kind=DOCUMENT_VERSION)
    assert set(notices.values_list("recipient", flat=True)) == {world["people"]["member"].pk}
    assert [notice.message for notice in notices.order_by("pk")] == [
        f"{world['workspace'].name}：資料「RFP 要求仕様書」の第1版が登録されました。",
        f"{world['workspace'].name}：資料「RFP 要求仕様書」の第2版が登録されました。",
    ]


@pytest.mark.parametrize("who", ["outsider", "invited", "official", "advisor"])
def test_those_outside_the_group_get_404_for_its_documents_and_downloads(
    client, log_in, procurement_world, who
):
    world = procurement_world
    document = _upload_spec(world)
    log_in(world["people"][who])
    for tail in ("", f"{document.pk}/", f"{document.pk}/versions/1/download/"):
        assert client.get(_url(world, tail)).status_code == 404, tail


def test_a_consultant_of_another_workspace_gets_404_and_cannot_upload(client, log_in, procurement_world):
    world = procurement_world
    document = _upload_spec(world)
    log_in(member(Role.CONSULTANT))
    assert client.get(_url(world, f"{document.pk}/versions/1/download/")).status_code == 404
    file = SimpleUploadedFile("要求仕様書_第2版.pdf", pdfs.plain(padding=10))
    assert client.post(_url(world, f"{document.pk}/versions/"), {"file": file}).status_code == 404
    assert document.versions.count() == 1


def test_a_document_of_another_workspace_is_404_under_this_ones_address(client, log_in, procurement_world):
    world = procurement_world
    document = _upload_spec(world)
    # The secretariat runs both groups: only the document's own group serves it.
    other = WorkspaceFactory(created_by=world["people"]["outsider"])
    SecretariatFactory(workspace=other, user=world["people"]["secretariat"])
    log_in(world["people"]["secretariat"])
    assert client.get(f"/procurement/{other.slug}/documents/").status_code == 200
    assert (
        client.get(f"/procurement/{other.slug}/documents/{document.pk}/versions/1/download/").status_code
        == 404
    )


def test_the_notice_is_listed_while_its_reader_works_inside_the_group(client, log_in, procurement_world):
    world = procurement_world
    _upload_spec(world)
    run_tasks()
    reader = world["people"]["member"]
    log_in(reader)
    notice = "資料「RFP 要求仕様書」の第1版が登録されました。"
    assert notice in client.get("/notifications/").content.decode()
    # The reader's municipality leaves the group: the notice about its documents goes with it.
    world["workspace"].members.filter(municipality=world["towns"]["member"]).delete()
    assert notice not in client.get("/notifications/").content.decode()
