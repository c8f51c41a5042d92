"""Hostile uploads are refused with a reason and the form keeps the rest; downloads are guarded."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations import files
from consultations.models import Consultation
from tests.consultations.conftest import log_in, pdf, png

pytestmark = pytest.mark.django_db


def zip_bomb(name="bomb.zip"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"\0" * (50 * 1024 * 1024))
    return SimpleUploadedFile(name, buffer.getvalue())


def png_declaring(width, height, name="huge.png"):
    """A tiny PNG whose header claims an enormous size (a decompression bomb)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0"))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile(name, data)


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile("仕様書.docx", buffer.getvalue())


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (lambda: pdf(size=1024 * 1024 + 1), "大きすぎます"),
        (
            lambda: SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is an executable"),
            "拡張子と中身が一致しません",
        ),
        (lambda: SimpleUploadedFile("setup.exe", b"MZ\x90\x00"), "この種類のファイルは添付できません"),
        (zip_bomb, "zip爆弾"),
        (lambda: png_declaring(100_000, 100_000), "画素数が大きすぎます"),
        (lambda: SimpleUploadedFile("../../etc/passwd", b"root:x:0:0"), "この種類のファイルは添付できません"),
        (lambda: SimpleUploadedFile("fake.docx", zip_bomb().read()), "zip爆弾"),
        (lambda: SimpleUploadedFile("notes.txt", b"\x00\x01binary"), "テキストファイルではありません"),
    ],
    ids=[
        "oversize",
        "wrong-type-with-pdf-extension",
        "executable",
        "zip-bomb",
        "pixel-bomb",
        "path",
        "docx-bomb",
        "binary-txt",
    ],
)
def test_hostile_uploads_are_rejected_with_a_reason(settings, upload, reason):
    settings.CONSULTATION_ATTACHMENT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match=reason):
        files.check_upload(upload())


@pytest.mark.parametrize(
    "upload",
    [
        lambda: pdf(),
        lambda: png(),
        docx,
        lambda: SimpleUploadedFile("一覧.csv", "番号,名称\n1,香芝市\n".encode("cp932")),
        lambda: SimpleUploadedFile("memo.txt", "メモ".encode()),
    ],
    ids=["pdf", "png", "docx", "csv-shift-jis", "txt"],
)
def test_allowed_files_pass(upload):
    assert files.check_upload(upload()).data


def test_names_are_sanitised_and_kept_only_in_the_database():
    assert files.safe_name("../../etc/見積書\x00.pdf") == "見積書.pdf"
    assert files.safe_name("C:\\Users\\me\\資料.xlsx") == "資料.xlsx"


def test_a_rejected_upload_says_why_and_keeps_the_rest_of_the_form(client, desk, settings):
    log_in(client, desk["people"]["staff_own"])
    response = client.post(
        reverse("consultations:new"),
        {
            "title": "クラウド移行の相談",
            "body": "移行計画について",
            "category": "cloud",
            "priority": "normal",
            "attachments": [SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "virus.pdf: 拡張子と中身が一致しません。" in page
    assert 'value="クラウド移行の相談"' in page and "移行計画について" in page
    assert not Consultation.objects.filter(title="クラウド移行の相談").exists()


def test_files_are_stored_outside_the_media_root_under_random_names(desk, settings):
    attachment = desk["public_file"]
    assert attachment.name == "仕様書.pdf"
    assert "仕様書" not in attachment.stored_name and len(attachment.stored_name) == 48
    stored = files.private_storage().path(attachment.stored_name)
    assert stored.startswith(str(settings.PRIVATE_STORAGE_ROOT))
    assert not stored.startswith(str(settings.MEDIA_ROOT))


def test_download_is_an_attachment_with_the_japanese_name_and_safe_headers(client, desk):
    log_in(client, desk["people"]["staff_own"])
    response = client.get(
        reverse("consultations:download", args=[desk["c"].reference, desk["public_file"].pk])
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert "filename*=utf-8''%E4%BB%95%E6%A7%98%E6%9B%B8.pdf" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_attachment_of_another_consultation_is_not_found_under_this_reference(client, desk):
    from tests.factories import consultation

    other = consultation(desk["people"]["staff_own"], uploads=[pdf("別件.pdf")])
    log_in(client, desk["people"]["staff_own"])
    response = client.get(
        reverse("consultations:download", args=[desk["c"].reference, other.attachments.get().pk])
    )
    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_files_of_a_filing_that_rolls_back_are_removed_too(settings, tmp_path):
    from django.db import IntegrityError

    from portal.models import Role
    from tests.factories import consultation, member

    staff = member(Role.STAFF)
    with pytest.raises(IntegrityError):
        # The unknown system area fails the deferred foreign key at commit, after the file was written.
        consultation(staff, system_areas=[987654], uploads=[pdf("残らない.pdf")])
    folder = tmp_path / "private" / "consultations"
    assert not Consultation.objects.exists()
    assert not folder.exists() or list(folder.iterdir()) == []
