"""A group's records: vendor Q&A, documents with versions and their downloads, the decision log."""

from django.core.files.uploadedfile import SimpleUploadedFile

from portal.uploads import check_upload
from procurement import services_records
from tests.consultations import pdfs
from tests.factories import VendorQuestionFactory
from tests.procurement.conftest import PERSONAS
from tests.security.procurement_urls import expect

INSIDE = ["founder", "member", "secretariat", "consultant"]
SECRETARIAT = ["secretariat", "consultant"]
RUNNERS = ["founder", "secretariat"]
LOG_READERS = [*INSIDE, "advisor", "official"]
SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


class Upload:
    """A file the test client sends afresh on every post (a real file would be read out after one)."""

    def __init__(self, name: str, data: bytes):
        self.name, self.data = name, data

    def read(self) -> bytes:
        return self.data


def targets(world):
    workspace = world["workspace"]
    secretariat = world["people"]["secretariat"]
    draft = VendorQuestionFactory(workspace=workspace, number=1, created_by=secretariat)
    document = services_records.document_create(
        actor=world["people"]["founder"],
        workspace_id=workspace.pk,
        kind="rfp",
        title="RFP 要求仕様書",
        upload=check_upload(SimpleUploadedFile("要求仕様書.pdf", pdfs.plain())),
    )
    return {"q": draft.number, "qid": draft.pk, "doc": document.pk, "member": workspace.members.first().pk}


QUESTION = {"round": "rfi", "vendor": "株式会社まほろば情報技術", "question": "データ移行の対象期間は？"}
AGREEMENT = {"text": "対象業務を5業務とする。", "decided_on": "2026-04-01", "meeting": "第2回検討会"}

GET_URLS = [
    ("/procurement/{ws}/questions/", expect(200, *INSIDE)),
    ("/procurement/{ws}/questions/export.csv", expect(200, *INSIDE)),
    ("/procurement/{ws}/questions/new/", expect(200, *SECRETARIAT)),
    ("/procurement/{ws}/questions/{q}/edit/", expect(200, *SECRETARIAT)),
    # POST-only: refused as a method before anything is looked up.
    ("/procurement/{ws}/questions/publish/", expect(405, *SIGNED_IN)),
    ("/procurement/{ws}/documents/", expect(200, *INSIDE)),
    ("/procurement/{ws}/documents/new/", expect(200, *INSIDE)),
    ("/procurement/{ws}/documents/{doc}/", expect(200, *INSIDE)),
    ("/procurement/{ws}/documents/{doc}/versions/", expect(405, *SIGNED_IN)),
    ("/procurement/{ws}/documents/{doc}/versions/1/download/", expect(200, *INSIDE)),
    ("/procurement/{ws}/decisions/", expect(200, *LOG_READERS)),
    ("/procurement/{ws}/decisions/new/", expect(200, *RUNNERS)),
]

# The second persona allowed finds the first one's row and is sent on just the same (double submits
# are harmless): the same question, an already published one, the same file, a second agreement.
POST_URLS = [
    ("/procurement/{ws}/questions/new/", expect(302, *SECRETARIAT), QUESTION),
    (
        "/procurement/{ws}/questions/{q}/edit/",
        expect(302, *SECRETARIAT),
        {**QUESTION, "answer": "5年分です。"},
    ),
    ("/procurement/{ws}/questions/publish/", expect(302, *SECRETARIAT), {"questions": "{qid}"}),
    (
        "/procurement/{ws}/documents/new/",
        expect(302, *INSIDE),
        {"kind": "minutes", "title": "第1回検討会 議事録", "file": Upload("議事録.txt", "議事録".encode())},
    ),
    (
        "/procurement/{ws}/documents/{doc}/versions/",
        expect(302, *INSIDE),
        {"note": "SLAを追記", "file": Upload("要求仕様書_第2版.txt", "第2版".encode())},
    ),
    ("/procurement/{ws}/decisions/new/", expect(302, *RUNNERS), {**AGREEMENT, "agreed_by": "{member}"}),
]
