"""Attachment text: each format read in a child process within its limits, stored once per content,
indexed by the background task, and found only by those who may open the file. Real node, real worker."""

import io

import docx
import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from cases.models import CaseDocument
from consultations import services
from consultations.files import AREA
from knowhow import services as knowhow
from portal.models import Role
from portal.uploads import check_uploads
from portal.uploads.storage import private_storage
from search import extraction
from search.documents import CONSULTATIONS, KNOWLEDGE, alias
from search.models import AttachmentFile, ExtractedText
from search.visibility import visibility_filter
from tests.factories import (
    AttachmentFactory,
    MunicipalityFactory,
    case_study,
    consultation,
    member,
    run_tasks,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_pdf(line: str) -> bytes:
    """A minimal hand-made one-page PDF showing `line` (ASCII) in Helvetica, with a correct xref."""
    content = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def word(*paragraphs: str, table=()) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def excel(title: str, rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def held(es, key=CONSULTATIONS) -> dict[str, dict]:
    es.indices.refresh(index=alias(key))
    response = es.search(index=alias(key), size=100, query={"match_all": {}})
    return {hit["_id"]: hit["_source"] for hit in response["hits"]["hits"]}


def found_by(es, user, words: str, key=CONSULTATIONS) -> set[str]:
    """The documents a query on attachment text finds for `user`, through the portal's visibility filter."""
    es.indices.refresh(index=alias(key))
    response = es.search(
        index=alias(key),
        query={
            "bool": {
                "must": {"match": {"attachments": {"query": words, "operator": "and"}}},
                "filter": [visibility_filter(user).to_dict()],
            }
        },
    )
    return {hit["_id"] for hit in response["hits"]["hits"]}


def stored_attachment(c, name: str, data: bytes, content_type: str, **fields):
    """An attachment whose bytes are written straight to the desk's storage (no upload check), as a
    file the checks of an older release let through would be."""
    stored_name = private_storage(AREA).save(f"t{len(data)}-{name.encode().hex()[:20]}", ContentFile(data))
    return AttachmentFactory(
        consultation=c,
        name=name,
        stored_name=stored_name,
        content_type=content_type,
        size=len(data),
        **fields,
    )


# --- the formats -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "data", "expected"),
    [
        (
            "計画.pdf",
            "application/pdf",
            text_pdf("Joint procurement roadmap 2026"),
            ["Joint procurement roadmap"],
        ),
        (
            "仕様書.docx",
            DOCX,
            word("住民記録システムの標準化仕様", table=[("項目", "回答"), ("データ移行", "対応可")]),
            ["住民記録システムの標準化仕様", "データ移行\t対応可"],
        ),
        (
            "比較表.xlsx",
            XLSX,
            excel("費用比較", [("事業者", "年額"), ("A社", 1200000)]),
            ["費用比較", "A社\t1200000"],
        ),
        (
            "議事録.txt",
            "text/plain",
            "ガバメントクラウド移行の議事録".encode("cp932"),
            ["ガバメントクラウド移行"],
        ),
        ("一覧.csv", "text/csv", "団体,システム\n河合町,住民記録\n".encode(), ["河合町,住民記録"]),
    ],
)
def test_each_format_is_read_in_a_child_process(settings, name, content_type, data, expected):
    result = extraction.extract(data, name, content_type)

    assert result["status"] == ExtractedText.Status.OK, result["error"]
    for text in expected:
        assert text in result["text"]


def test_a_format_whose_text_is_not_read_is_named_not_parsed():
    assert extraction.parsed_kind("画面.png", "image/png") is None
    assert extraction.parsed_kind("資料", "application/pdf") == "pdf"


def test_the_stored_text_stops_at_the_character_limit(settings):
    settings.SEARCH_EXTRACT_MAX_CHARS = 10

    result = extraction.extract(("あ" * 50).encode(), "長文.txt", "text/plain")

    assert result["status"] == ExtractedText.Status.OK
    assert result["text"] == "あ" * 10
    assert result["truncated"]


def test_a_file_over_the_size_limit_is_not_parsed(settings):
    settings.SEARCH_EXTRACT_MAX_BYTES = 100

    result = extraction.extract(word("大きな仕様書"), "大きな仕様書.docx", DOCX)

    assert result["status"] == ExtractedText.Status.TOO_LARGE
    assert result["text"] == ""


def test_a_parser_over_the_time_limit_is_killed(settings):
    # No interpreter starts, let alone parses, in a millisecond: the deadline always passes.
    settings.SEARCH_EXTRACT_TIMEOUT_SECONDS = 0.001

    result = extraction.extract(text_pdf("slow"), "遅い.pdf", "application/pdf")

    assert result["status"] == ExtractedText.Status.TIMEOUT


def test_a_broken_file_is_unreadable():
    result = extraction.extract(b"%PDF-1.4\n\x00garbage", "壊れた.pdf", "application/pdf")

    assert result["status"] == ExtractedText.Status.UNREADABLE
    assert result["error"]


# --- the background task and the index ---------------------------------------------------------------


def test_the_worker_indexes_an_attachments_text_after_reading_it(db, search_indexes):
    c = consultation(
        title="計画の相談",
        uploads=check_uploads([SimpleUploadedFile("移行計画.docx", word("オープンデータ移行計画書"), DOCX)]),
    )

    run_tasks()  # indexes the consultation, reads the file, indexes it again with the text

    document = held(search_indexes)[f"consultation-{c.pk}"]
    assert "オープンデータ移行計画書" in document["attachments"]
    assert document["attachment_names"] == ["移行計画.docx"]
    (row,) = AttachmentFile.objects.filter(kind="consultation", object_id=str(c.pk))
    assert ExtractedText.objects.get(sha256=row.sha256).status == ExtractedText.Status.OK


def test_a_broken_file_is_indexed_by_its_name_and_says_so(db, search_indexes):
    c = consultation(title="壊れた添付の相談")
    attachment = stored_attachment(c, "壊れた見積書.pdf", b"%PDF-1.7\nnot really", "application/pdf")

    run_tasks()

    document = held(search_indexes)[f"consultation-{c.pk}"]
    assert document["attachment_names"] == ["壊れた見積書.pdf"]
    assert document["attachments"] == ""
    file = extraction.StoredFile(
        name=attachment.name, content_type=attachment.content_type, path=attachment.stored_name, area=AREA
    )
    status = extraction.statuses([file])[file.location]
    assert status == ExtractedText.Status.UNREADABLE
    assert ExtractedText.Status(status).label == "本文を読み取れませんでした"


def test_a_file_over_the_size_limit_is_indexed_by_its_name(db, search_indexes, settings):
    settings.SEARCH_EXTRACT_MAX_BYTES = 100
    c = consultation(title="大きな添付の相談")
    stored_attachment(c, "大きな議事録.txt", ("議事録" * 100).encode(), "text/plain")

    run_tasks()

    document = held(search_indexes)[f"consultation-{c.pk}"]
    assert document["attachment_names"] == ["大きな議事録.txt"]
    assert document["attachments"] == ""
    assert ExtractedText.objects.get().status == ExtractedText.Status.TOO_LARGE


def test_identical_files_are_read_once_and_lend_their_text_to_every_document(db, search_indexes):
    data = "共同調達の仕様書案".encode()
    first, second = consultation(title="一件目"), consultation(title="二件目")
    stored_attachment(first, "仕様書案.txt", data, "text/plain")
    stored_attachment(second, "仕様書案（写し）.txt", data, "text/plain")

    run_tasks()

    assert ExtractedText.objects.count() == 1
    documents = held(search_indexes)
    assert "共同調達の仕様書案" in documents[f"consultation-{first.pk}"]["attachments"]
    assert "共同調達の仕様書案" in documents[f"consultation-{second.pk}"]["attachments"]


def test_the_extraction_task_is_idempotent(db, search_indexes):
    c = consultation(title="再実行の相談")
    stored_attachment(c, "メモ.txt", "再実行しても一度だけ".encode(), "text/plain")
    run_tasks()

    assert extraction.extract_attachments.call(kind="consultation", object_id=str(c.pk)) == 0
    assert ExtractedText.objects.count() == 1


# --- who finds it ------------------------------------------------------------------------------------


def test_a_consultations_attachment_text_is_found_by_its_parties_only(db, search_indexes):
    own = MunicipalityFactory(name="香芝市", kana="かしばし")
    joint = MunicipalityFactory(name="王寺町", kana="おうじちょう")
    other = MunicipalityFactory(name="河合町", kana="かわいちょう")
    requester, co_owner = member(Role.STAFF, own), member(Role.STAFF, joint)
    outsider, advisor, official = member(Role.STAFF, other), member(Role.ADVISOR), member(Role.OFFICIAL)
    c = consultation(
        requester,
        joint=[joint],
        title="窓口システムの相談",
        uploads=check_uploads(
            [SimpleUploadedFile("要件.txt", "窓口予約システムの要件一覧".encode(), "text/plain")]
        ),
    )
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    services.message_post(
        consultation_id=c.pk,
        actor=advisor,
        body="内部メモ",
        internal=True,
        uploads=check_uploads([SimpleUploadedFile("内部.docx", word("ベンダー見積の内訳"), DOCX)]),
    )
    services.message_post(
        consultation_id=c.pk,
        actor=advisor,
        body="回答です",
        uploads=check_uploads(
            [SimpleUploadedFile("回答.xlsx", excel("回答", [("移行手順書の雛形",)]), XLSX)]
        ),
    )

    run_tasks()

    document_id = f"consultation-{c.pk}"
    for party in (requester, co_owner, advisor):
        assert found_by(search_indexes, party, "窓口予約システムの要件一覧") == {document_id}
        assert found_by(search_indexes, party, "移行手順書の雛形") == {document_id}
    for stranger in (outsider, official):
        assert found_by(search_indexes, stranger, "窓口予約システムの要件一覧") == set()
        assert found_by(search_indexes, stranger, "移行手順書の雛形") == set()
    # An internal note's file is for advisors only: its name and text stay out of the shared document.
    document = held(search_indexes)[document_id]
    assert "内部.docx" not in document["attachment_names"]
    assert found_by(search_indexes, advisor, "ベンダー見積の内訳") == set()


def test_a_case_studys_documents_are_found_by_anyone_unless_their_collection_is_restricted(
    db, search_indexes
):
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    restricted = root.add_child(name="非公開資料")
    CollectionViewRestriction.objects.create(
        collection=restricted, restriction_type=CollectionViewRestriction.LOGIN
    )
    open_doc = Document.objects.create(
        title="移行報告書",
        file=ContentFile(word("共同利用型クラウドの移行報告"), name="report.docx"),
        collection=root,
    )
    closed_doc = Document.objects.create(
        title="内部検討資料",
        file=ContentFile(word("非公開の費用内訳"), name="internal.docx"),
        collection=restricted,
    )
    page = case_study(title="共同クラウドの事例", publish=False)
    page.documents = [CaseDocument(document=open_doc), CaseDocument(document=closed_doc)]
    page.save_revision().publish()

    run_tasks()

    anyone = member(Role.OFFICIAL)
    assert found_by(search_indexes, anyone, "共同利用型クラウドの移行報告", KNOWLEDGE) == {
        f"case_study-{page.pk}"
    }
    document = held(search_indexes, KNOWLEDGE)[f"case_study-{page.pk}"]
    assert "移行報告書" in document["attachment_names"]
    assert "非公開の費用内訳" not in document["attachments"]
    assert "内部検討資料" not in document["attachment_names"]


def test_a_know_how_posts_and_its_answers_files_are_found_by_every_member(db, search_indexes):
    author, answerer = member(Role.STAFF), member(Role.STAFF)
    post = knowhow.post_create(
        actor=author,
        kind="question",
        title="仕様書の書き方",
        body="添付のとおりです。",
        uploads=check_uploads([SimpleUploadedFile("仕様書.docx", word("標準準拠システム調達仕様書"), DOCX)]),
    )
    knowhow.answer_create(
        post_id=post.pk,
        actor=answerer,
        body="当町の例です。",
        uploads=check_uploads([SimpleUploadedFile("例.xlsx", excel("例", [["稼働率", "99.9%"]]), XLSX)]),
    )

    run_tasks()

    document = held(search_indexes, KNOWLEDGE)[f"knowhow_post-{post.pk}"]
    assert "標準準拠システム調達仕様書" in document["attachments"]
    assert "稼働率" in document["attachments"]
    assert sorted(document["attachment_names"]) == ["仕様書.docx", "例.xlsx"]
    assert found_by(search_indexes, member(Role.OFFICIAL), "調達仕様書", KNOWLEDGE) == {
        f"knowhow_post-{post.pk}"
    }
    assert found_by(search_indexes, AnonymousUser(), "調達仕様書", KNOWLEDGE) == set()
