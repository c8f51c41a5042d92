"""Hostile uploads are refused with a reason and the form keeps the rest; downloads are guarded."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations import files, services
from consultations.files import OLE_MAGIC
from consultations.models import Consultation
from tests.consultations import ole
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
    # Browsers cannot keep a chosen file across the round trip: the page says so.
    assert "もう一度選んでください" in page
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


def zipped(name, parts: dict, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return SimpleUploadedFile(name, buffer.getvalue())


def lying_zip_bomb():
    """A zip whose headers declare a tiny entry that really inflates to 60 MB."""
    real = zipped("x.zip", {"zeros.txt": b"\0" * (60 * 1024 * 1024)}).read()
    archive = zipfile.ZipFile(io.BytesIO(real))
    entry = archive.infolist()[0]
    declared = struct.pack("<I", 100)
    data = bytearray(real)
    # The uncompressed size in the local header (offset 22) and in the central directory (offset 24).
    data[entry.header_offset + 22 : entry.header_offset + 26] = declared
    central = real.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = declared
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0].file_size == 100
    return SimpleUploadedFile("small.zip", bytes(data))


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (lambda: SimpleUploadedFile("古い様式.doc", OLE_MAGIC + b"\0" * 600), "壊れているか"),
        (lambda: SimpleUploadedFile("古い様式.doc", ole.workbook()), "拡張子と中身が一致しません"),
        (lambda: SimpleUploadedFile("集計.xls", ole.word_document()), "拡張子と中身が一致しません"),
        (lambda: SimpleUploadedFile("古い様式.doc", ole.word_document(macros=True)), "マクロ"),
        (lambda: SimpleUploadedFile("集計.xls", ole.workbook(macros=True)), "マクロ"),
        (
            lambda: zipped(
                "仕様書.docx",
                {
                    "[Content_Types].xml": "<Types/>",
                    "word/document.xml": "<w:document/>",
                    "word/vbaProject.bin": b"\0" * 10,
                },
            ),
            "マクロ",
        ),
        (
            lambda: zipped(
                "集計.xlsx",
                {
                    "[Content_Types].xml": '<Types><Override ContentType="application/'
                    'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>',
                    "xl/workbook.xml": "<workbook/>",
                },
            ),
            "マクロ",
        ),
        (lying_zip_bomb, "zip爆弾"),
        (lambda: zipped("資料.zip", {"inner.zip": zip_bomb().read()}), "圧縮ファイルの中の圧縮ファイル"),
        (
            lambda: zipped("資料.zip", {"inner.dat": b"PK\x03\x04" + b"\0" * 50}),
            "圧縮ファイルの中の圧縮ファイル",
        ),
        (lambda: zipped("資料.zip", {"a.txt": "x"}, compression=zipfile.ZIP_BZIP2), "壊れているか"),
    ],
    ids=[
        "ole-magic-only",
        "doc-without-word-stream",
        "xls-without-workbook",
        "doc-with-macros",
        "xls-with-macros",
        "docx-with-vba-project",
        "xlsx-macro-enabled-type",
        "zip-bomb-with-lying-sizes",
        "nested-zip-by-name",
        "nested-zip-by-content",
        "unsupported-compression",
    ],
)
def test_hostile_office_files_and_archives_are_rejected_with_a_reason(upload, reason):
    with pytest.raises(ValidationError, match=reason):
        files.check_upload(upload())


@pytest.mark.parametrize(
    "upload",
    [
        lambda: SimpleUploadedFile("古い様式.doc", ole.word_document()),
        lambda: SimpleUploadedFile("集計.xls", ole.workbook()),
        lambda: SimpleUploadedFile("説明.ppt", ole.presentation()),
        lambda: zipped("資料.zip", {"議事録.txt": "議事録", "図/画面.png": png().read()}),
        lambda: zipped(
            "報告.docx",
            {
                "[Content_Types].xml": "<Types/>",
                "word/document.xml": "<w:document/>",
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK\x03\x04" + b"\0" * 50,
            },
        ),
    ],
    ids=["doc", "xls", "ppt", "zip", "docx-with-embedded-workbook"],
)
def test_real_legacy_office_files_and_plain_archives_pass(upload):
    assert files.check_upload(upload()).data


def test_too_many_files_or_too_much_in_one_message_is_refused_with_a_reason(client, desk, settings):
    settings.CONSULTATION_ATTACHMENTS_MAX_FILES = 2
    settings.CONSULTATION_ATTACHMENTS_MAX_TOTAL_BYTES = 2048
    c = desk["c"]
    staff = desk["people"]["staff_own"]
    with pytest.raises(ValidationError, match="1回に2件まで"):
        services.message_post(
            consultation_id=c.pk,
            actor=staff,
            body="資料です",
            uploads=[pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf")],
        )
    with pytest.raises(ValidationError, match="合計が大きすぎます"):
        services.message_post(
            consultation_id=c.pk,
            actor=staff,
            body="資料です",
            uploads=[pdf("1.pdf", 1500), pdf("2.pdf", 1500)],
        )
    log_in(client, staff)
    response = client.post(
        reverse("consultations:new"),
        {
            "title": "資料3点の相談",
            "body": "資料を3点送ります",
            "category": "cloud",
            "priority": "normal",
            "attachments": [pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf")],
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "1回に2件まで" in page
    assert 'value="資料3点の相談"' in page and "資料を3点送ります" in page  # the form keeps what was typed
    assert not Consultation.objects.filter(title="資料3点の相談").exists()
    assert not c.messages.filter(body__contains="資料です").exists()
