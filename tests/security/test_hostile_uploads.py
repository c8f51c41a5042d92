"""Hostile uploads (the kernel's corpus: PDF actions, macros, zip and pixel bombs, CSV formulas, disguised
files) are refused with a reason through the desk's forms and services, which keep the rest; downloads are
guarded."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations import files, services
from consultations.models import Consultation
from portal import uploads
from portal.uploads import checks
from portal.uploads.checks import OLE_MAGIC
from tests.consultations import ole, pdfs
from tests.consultations.conftest import pdf, png

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
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match=reason):
        uploads.check_upload(upload())


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
    assert uploads.check_upload(upload()).data


def test_names_are_sanitised_and_kept_only_in_the_database():
    assert uploads.safe_name("../../etc/見積書\x00.pdf") == "見積書.pdf"
    assert uploads.safe_name("C:\\Users\\me\\資料.xlsx") == "資料.xlsx"


def test_a_rejected_upload_says_why_and_keeps_the_rest_of_the_form(client, log_in, desk, settings):
    log_in(desk["people"]["staff_own"])
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


def test_download_is_an_attachment_with_the_japanese_name_and_safe_headers(client, log_in, desk):
    log_in(desk["people"]["staff_own"])
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


def test_an_attachment_of_another_consultation_is_not_found_under_this_reference(client, log_in, desk):
    from tests.factories import consultation

    other = consultation(desk["people"]["staff_own"], uploads=uploads.check_uploads([pdf("別件.pdf")]))
    log_in(desk["people"]["staff_own"])
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
        consultation(staff, system_areas=[987654], uploads=uploads.check_uploads([pdf("残らない.pdf")]))
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
        uploads.check_upload(upload())


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
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx": zipped(
                    "x.xlsx", {"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}
                ).read(),
            },
        ),
    ],
    ids=["doc", "xls", "ppt", "zip", "docx-with-embedded-workbook"],
)
def test_real_legacy_office_files_and_plain_archives_pass(upload):
    assert uploads.check_upload(upload()).data


def test_too_many_files_or_too_much_in_one_message_is_refused_with_a_reason(client, log_in, desk, settings):
    settings.UPLOAD_MAX_FILES = 2
    settings.UPLOAD_MAX_TOTAL_BYTES = 2048
    c = desk["c"]
    staff = desk["people"]["staff_own"]
    with pytest.raises(ValidationError, match="1回に2件まで"):
        services.message_post(
            consultation_id=c.pk,
            actor=staff,
            body="資料です",
            uploads=uploads.check_uploads([pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf")]),
        )
    with pytest.raises(ValidationError, match="合計が大きすぎます"):
        services.message_post(
            consultation_id=c.pk,
            actor=staff,
            body="資料です",
            uploads=uploads.check_uploads([pdf("1.pdf", 1500), pdf("2.pdf", 1500)]),
        )
    log_in(staff)
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


# Judged by content: PDFs are parsed, archive entry names are checked, Office macros are found by their
# declared types, relationships and OLE storages whatever the part is called, and CSV cells that a
# spreadsheet would run as formulas are refused.


def as_pdf(build, name="資料.pdf"):
    return lambda: SimpleUploadedFile(name, build())


HTML_PRETENDING = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (lambda: SimpleUploadedFile("報告.pdf", HTML_PRETENDING), "PDFとして読み込めません"),
        (lambda: SimpleUploadedFile("報告.html.pdf", HTML_PRETENDING), "PDFとして読み込めません"),
        (lambda: SimpleUploadedFile("報告.pdf", b"%PDF-1.4\n" + b"[" * 50_000), "PDFとして読み込めません"),
        (as_pdf(pdfs.deeply_nested), "PDFとして読み込めません"),
        (as_pdf(pdfs.javascript_open_action), "JavaScript"),
        (as_pdf(pdfs.javascript_in_names_tree), "JavaScript"),
        (as_pdf(pdfs.javascript_on_page_open), "JavaScript"),
        (as_pdf(pdfs.javascript_in_link_annotation), "JavaScript"),
        (as_pdf(pdfs.javascript_with_escaped_name), "JavaScript"),
        (as_pdf(pdfs.javascript_in_an_unreferenced_object), "JavaScript"),
        (as_pdf(pdfs.launch_action), r"外部へ送る動作（Launch）"),
        (as_pdf(pdfs.remote_goto), r"外部へ送る動作（GoToR）"),
        (as_pdf(pdfs.submit_form), r"外部へ送る動作（SubmitForm）"),
        (as_pdf(pdfs.import_data), r"外部へ送る動作（ImportData）"),
        (as_pdf(pdfs.embedded_file), "ファイルを埋め込んだPDF"),
        (as_pdf(pdfs.file_attachment_annotation), "ファイルを埋め込んだPDF"),
        (as_pdf(pdfs.rich_media), "リッチメディア"),
        (as_pdf(pdfs.xfa_form), "XFAフォーム"),
        (as_pdf(pdfs.encrypted), "パスワードで保護"),
    ],
    ids=[
        "html-named-pdf",
        "html-named-html-pdf",
        "garbage-after-header",
        "nested-too-deep",
        "javascript-open-action",
        "javascript-names-tree",
        "javascript-page-action",
        "javascript-annotation-action",
        "javascript-hex-escaped-name",
        "javascript-unreferenced-object",
        "launch",
        "remote-goto",
        "submit-form",
        "import-data",
        "embedded-file",
        "file-attachment-annotation",
        "rich-media",
        "xfa",
        "encrypted",
    ],
)
def test_hostile_pdfs_are_rejected_with_a_reason(upload, reason):
    with pytest.raises(ValidationError, match=reason):
        uploads.check_upload(upload())


@pytest.mark.parametrize(
    ("limit", "build"),
    [("PDF_MAX_OBJECTS", pdfs.many_objects), ("PDF_MAX_CONTAINERS", pdfs.many_dictionaries)],
    ids=["objects", "dictionaries"],
)
def test_a_pdf_larger_than_the_check_will_walk_is_refused(monkeypatch, limit, build):
    monkeypatch.setattr(checks, limit, 100)
    with pytest.raises(ValidationError, match="構造が複雑すぎる"):
        uploads.check_upload(SimpleUploadedFile("資料.pdf", build(200)))
    assert uploads.check_upload(SimpleUploadedFile("資料.pdf", build(20))).data


@pytest.mark.parametrize(
    "build",
    [pdfs.plain, pdfs.with_link, lambda: pdfs.encrypted(user_password=""), pdfs.referring_to_itself],
    ids=["plain", "web-link", "permissions-only-encryption", "hand-built-with-cycles"],
)
def test_ordinary_pdfs_pass(build):
    assert uploads.check_upload(SimpleUploadedFile("資料.pdf", build())).content_type == "application/pdf"


CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS_REL = "http://schemas.microsoft.com/office/2006/relationships"
MAIN_TYPES = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
}


def relationships(*rels):
    """A .rels part from (type, target, external) triples."""
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"'
        + (' TargetMode="External"' if external else "")
        + "/>"
        for i, (kind, target, external) in enumerate(rels, start=1)
    )
    return f'<?xml version="1.0"?><Relationships xmlns="{RELATIONSHIPS_NS}">{items}</Relationships>'


def office(extension, *, overrides=(), defaults=(), rels=(), parts=None, content_types=None):
    """An OOXML package as Office writes it: content types, the package relationships, the main part,
    and the main part's relationships; `overrides`/`defaults` add (part or extension, content type)."""
    main, main_type = MAIN_TYPES[extension]
    folder, _, leaf = main.rpartition("/")
    types = (
        f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{CONTENT_TYPES_NS}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Default Extension="{ext}" ContentType="{kind}"/>' for ext, kind in defaults)
        + f'<Override PartName="/{main}" ContentType="{main_type}"/>'
        + "".join(f'<Override PartName="/{part}" ContentType="{kind}"/>' for part, kind in overrides)
        + "</Types>"
    )
    package = {
        "[Content_Types].xml": content_types if content_types is not None else types,
        "_rels/.rels": relationships((f"{OFFICE_REL}/officeDocument", main, False)),
        main: "<document/>",
        f"{folder}/_rels/{leaf}.rels": relationships(*rels),
        **(parts or {}),
    }
    return zipped(f"資料.{extension}", package)


VBA_PROJECT = ole.compound_file(
    {"VBA/dir": b"\x01" * 10, "VBA/Module1": b"Attribute VB_Name", "PROJECT": b"ID="}
)


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (
            lambda: office(
                "docx",
                overrides=[("word/harmless.dat", "application/vnd.ms-office.vbaProject")],
                parts={"word/harmless.dat": VBA_PROJECT},
            ),
            "マクロ",
        ),
        (
            lambda: office(
                "docx",
                defaults=[("dat", "application/vnd.ms-office.vbaProject")],
                parts={"word/harmless.dat": b"\0" * 10},
            ),
            "マクロ",
        ),
        (
            lambda: office(
                "docx",
                rels=[(f"{MS_REL}/vbaProject", "harmless.dat", False)],
                parts={"word/harmless.dat": b"\0" * 10},
            ),
            "マクロ",
        ),
        (lambda: office("docx", parts={"word/media/image1.png": VBA_PROJECT}), "マクロ"),
        (
            lambda: office(
                "xlsx", overrides=[("xl/macrosheets/sheet1.xml", "application/vnd.ms-excel.macrosheet+xml")]
            ),
            "マクロ",
        ),
        (
            lambda: office(
                "xlsx",
                overrides=[("xl/macrosheets/sheet1.xml", "application/vnd.ms-excel.intlmacrosheet+xml")],
            ),
            "マクロ",
        ),
        (
            lambda: office(
                "docx", overrides=[("word/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml")]
            ),
            "マクロ",
        ),
        (lambda: office("docx", rels=[(f"{OFFICE_REL}/control", "activeX/activeX1.xml", False)]), "マクロ"),
        (
            lambda: office(
                "docx", rels=[(f"{OFFICE_REL}/attachedTemplate", "https://example.com/t.dotm", True)]
            ),
            "外部のテンプレートやファイルを読み込む",
        ),
        (
            lambda: office("docx", rels=[(f"{OFFICE_REL}/oleObject", "mhtml:https://example.com/x!y", True)]),
            "外部のテンプレートやファイルを読み込む",
        ),
        (
            lambda: office(
                "xlsx",
                overrides=[
                    (
                        "xl/externalLinks/externalLink1.xml",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
                    )
                ],
                parts={
                    "xl/externalLinks/externalLink1.xml": '<externalLink><ddeLink ddeService="cmd"/>'
                    "</externalLink>"
                },
            ),
            "外部のテンプレートやファイルを読み込む",
        ),
        (
            lambda: office(
                "docx",
                content_types='<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">]>'
                "<Types>&a;</Types>",
            ),
            "文書型定義",
        ),
        (lambda: office("docx", content_types="<Types><Default"), "壊れているか"),
        (
            lambda: office(
                "docx",
                parts={
                    "word/embeddings/Microsoft_Excel_Worksheet.xlsx": office(
                        "xlsx", overrides=[("xl/vba.dat", "application/vnd.ms-office.vbaProject")]
                    ).read()
                },
            ),
            "マクロ",
        ),
    ],
    ids=[
        "renamed-vba-project-declared-by-override",
        "vba-project-declared-by-default-extension",
        "vba-project-by-relationship",
        "vba-storage-under-an-image-name",
        "xlm-macro-sheet",
        "xlm-international-macro-sheet",
        "activex-content-type",
        "activex-relationship",
        "remote-template",
        "external-ole-object",
        "external-workbook-or-dde-link",
        "content-types-with-entities",
        "content-types-not-xml",
        "embedded-workbook-with-macros",
    ],
)
def test_office_files_with_macros_or_outside_links_are_rejected_whatever_the_parts_are_called(upload, reason):
    with pytest.raises(ValidationError, match=reason):
        uploads.check_upload(upload())


@pytest.mark.parametrize(
    "upload",
    [
        lambda: office("docx", rels=[(f"{OFFICE_REL}/hyperlink", "https://www.pref.nara.jp/", True)]),
        lambda: office(
            "xlsx",
            overrides=[
                (
                    "xl/worksheets/sheet1.xml",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
                )
            ],
            rels=[(f"{OFFICE_REL}/worksheet", "worksheets/sheet1.xml", False)],
            parts={"xl/worksheets/sheet1.xml": "<worksheet/>"},
        ),
        lambda: office(
            "docx",
            overrides=[
                ("word/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject")
            ],
            rels=[(f"{OFFICE_REL}/oleObject", "embeddings/oleObject1.bin", False)],
            parts={"word/embeddings/oleObject1.bin": ole.workbook()},
        ),
    ],
    ids=["docx-with-web-link", "xlsx-with-sheet", "docx-with-embedded-legacy-workbook"],
)
def test_ordinary_office_files_pass(upload):
    assert uploads.check_upload(upload()).data


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("../../etc/cron.d/job", "「..」や絶対パス"),
        ("資料/../../outside.txt", "「..」や絶対パス"),
        ("..\\..\\Windows\\win.ini", "「..」や絶対パス"),
        ("/etc/passwd", "「..」や絶対パス"),
        ("C:\\Users\\Public\\run.bat", "「..」や絶対パス"),
        ("\\\\server\\share\\x.txt", "「..」や絶対パス"),
        ("readme\u202etxt.exe", "制御文字"),
        ("a\x01b.txt", "制御文字"),
    ],
    ids=[
        "dot-dot",
        "dot-dot-inside",
        "backslash-dot-dot",
        "absolute",
        "drive",
        "unc",
        "bidi-override",
        "control",
    ],
)
def test_zip_entries_that_would_land_outside_the_folder_are_rejected(entry, reason):
    with pytest.raises(ValidationError, match=reason):
        uploads.check_upload(zipped("資料.zip", {"正常.txt": "x", entry: "x"}))


def test_a_zip_entry_named_with_a_nul_is_rejected():
    """zipfile cuts a name at its first NUL; the name as stored still counts."""
    data = zipped("資料.zip", {"okay.txt.AAAA": "x"}).read().replace(b"okay.txt.AAAA", b"evil.exe\0.txt")
    with pytest.raises(ValidationError, match="制御文字"):
        uploads.check_upload(SimpleUploadedFile("資料.zip", data))


def test_a_zip_whose_local_name_differs_from_its_directory_name_is_rejected():
    """Some tools extract by the local header's name: both must agree."""
    data = bytearray(zipped("資料.zip", {"aaaaa.txt": "x"}).read())
    data[30:39] = b"../ab.txt"
    with pytest.raises(ValidationError, match="壊れているか"):
        uploads.check_upload(SimpleUploadedFile("資料.zip", bytes(data)))


def test_a_zip_holding_a_legacy_office_file_with_macros_is_rejected():
    with pytest.raises(ValidationError, match="マクロ"):
        uploads.check_upload(zipped("資料.zip", {"集計.xls": ole.workbook(macros=True)}))


def csv_upload(text, encoding="utf-8"):
    return SimpleUploadedFile("一覧.csv", text.encode(encoding))


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("番号,名称\n1,\"=cmd|' /C calc'!A0\"\n", "2行目2列目"),
        ("番号,名称\n1,香芝市\n2,@SUM(1+1)*cmd|' /C calc'!A0\n", "3行目2列目"),
        ("+cmd|' /C calc'!A0,x\n", "1行目1列目"),
        ("-2+3+cmd|' /C calc'!A0\n", "1行目1列目"),
        ('a,b,"\t=HYPERLINK(""https://example.com"",""詳細"")"\n', "1行目3列目"),
        ("a,  =1+1\n", "1行目2列目"),
        ('"複数行\nのセル",x\n1,=1+1\n', "2行目2列目"),
        ("-備考\n", "1行目1列目"),
    ],
    ids=[
        "dde-equals",
        "dde-at",
        "plus-command",
        "minus-then-command",
        "tab-then-formula",
        "spaces-then-formula",
        "row-counts-records-not-lines",
        "minus-then-text",
    ],
)
def test_csv_cells_that_start_a_formula_are_rejected_naming_the_cell(text, where):
    with pytest.raises(ValidationError, match=f"{where}のセルが数式") as refused:
        uploads.check_upload(csv_upload(text))
    assert "先頭に ' を付ける" in refused.value.messages[0]


def test_a_csv_that_does_not_parse_is_rejected_with_a_reason():
    with pytest.raises(ValidationError, match="CSVとして読み込めません"):
        uploads.check_upload(csv_upload("番号,本文\n1," + "長" * 200_000 + "\n"))


def test_a_shift_jis_csv_with_a_formula_is_rejected_too():
    with pytest.raises(ValidationError, match="1行目2列目のセルが数式"):
        uploads.check_upload(csv_upload("香芝市,=1+1\n", encoding="cp932"))


def test_csv_with_negative_numbers_phone_numbers_and_dashes_passes():
    text = (
        "\ufeff市町村,増減,金額,電話,国際電話,備考\n"
        '香芝市,-5,"-1,234",0745-76-2001,+81-745-76-2001,-\n'
        "河合町,-5.0,+12%,(0745)57-0200,+81 745 57 0200,'=見出し\n"
        "王寺町,-(3),-0.25,,--,メール: info@example.jp\n"
    )
    assert uploads.check_upload(csv_upload(text)).data


def test_a_csv_that_declares_its_own_separator_is_checked_at_that_separator():
    # Excel obeys `sep=;` and runs the second cell; read at commas it would look like one harmless cell.
    with pytest.raises(ValidationError, match="3行目2列目のセルが数式"):
        uploads.check_upload(csv_upload("sep=;\r\nname;value\r\nfoo;=cmd|' /C calc'!A0\r\n"))
    assert uploads.check_upload(csv_upload("\ufeffsep=;\nname;value\n香芝市;-5\n")).data


def test_office_package_parts_far_larger_than_office_writes_are_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(checks, "MAX_PACKAGE_XML_BYTES", 4096)
    bloated = relationships(
        *[(f"{OFFICE_REL}/hyperlink", f"https://example.jp/{i}", True) for i in range(200)]
    )
    with pytest.raises(ValidationError, match="構成情報（XML）が異常に大きい"):
        uploads.check_upload(office("docx", parts={"word/_rels/document.xml.rels": bloated}))
    assert uploads.check_upload(office("docx")).data


def test_a_pdf_whose_check_would_take_too_long_is_refused(monkeypatch):
    monkeypatch.setattr(checks, "PDF_MAX_SECONDS", -1)
    with pytest.raises(ValidationError, match="構造が複雑すぎる"):
        uploads.check_upload(SimpleUploadedFile("資料.pdf", pdfs.plain()))


def test_each_attachment_is_read_and_checked_once_from_the_form_to_the_stored_file(
    client, log_in, desk, monkeypatch
):
    checked_names = []
    real_check = uploads.check_upload

    def counting_check(upload):
        checked_names.append(upload.name)
        return real_check(upload)

    monkeypatch.setattr(uploads, "check_upload", counting_check)
    log_in(desk["people"]["staff_own"])
    response = client.post(
        reverse("consultations:reply", args=[desk["c"].reference]),
        {"reply-body": "見積書を2点送ります", "reply-attachments": [pdf("見積A.pdf"), png(name="画面.png")]},
    )
    assert response.status_code == 302
    assert sorted(checked_names) == ["画面.png", "見積A.pdf"]
    assert set(desk["c"].attachments.values_list("name", flat=True)) >= {"見積A.pdf", "画面.png"}


@pytest.mark.parametrize(
    "raw", [lambda: pdf("未確認.pdf"), lambda: b"%PDF-1.7"], ids=["uploaded-file", "bytes"]
)
def test_a_service_refuses_a_file_that_did_not_pass_the_checker(desk, raw):
    staff = desk["people"]["staff_own"]
    with pytest.raises(TypeError, match="CheckedUpload"):
        services.message_post(consultation_id=desk["c"].pk, actor=staff, body="資料です", uploads=[raw()])
    with pytest.raises(TypeError, match="CheckedUpload"):
        services.consultation_file(
            actor=staff,
            title="未確認の添付",
            body="本文",
            category="other",
            priority="normal",
            uploads=[raw()],
        )
    assert not desk["c"].messages.filter(body__contains="資料です").exists()
    assert not Consultation.objects.filter(title="未確認の添付").exists()
    assert not desk["c"].attachments.filter(name="未確認.pdf").exists()


def test_files_checked_one_by_one_still_keep_a_messages_limits_in_the_service(desk, settings):
    settings.UPLOAD_MAX_FILES = 2
    staff = desk["people"]["staff_own"]
    one_by_one = [uploads.check_upload(pdf(f"{n}.pdf")) for n in range(3)]
    with pytest.raises(ValidationError, match="2件まで"):
        services.message_post(
            consultation_id=desk["c"].pk, actor=staff, body="三つの資料", uploads=one_by_one
        )
    assert not desk["c"].messages.filter(body="三つの資料").exists()
