import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations import services
from portal.models import Role
from portal.uploads import check_uploads
from tests.consultations import pdfs
from tests.factories import MunicipalityFactory, consultation, member


def pdf(name="資料.pdf", size=0):
    """A real one-page PDF, at least `size` bytes long."""
    return SimpleUploadedFile(name, pdfs.plain(padding=size), content_type="application/pdf")


def png(width=4, height=4, name="画面.png"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


@pytest.fixture
def desk(db):
    return build_desk()


def build_desk():
    """香芝市's consultation, assigned, with a reply, an internal note and a file on each."""
    own = MunicipalityFactory(name="香芝市", kana="かしばし")
    other = MunicipalityFactory(name="河合町", kana="かわいちょう")
    people = {
        "staff_own": member(Role.STAFF, own),
        "staff_other": member(Role.STAFF, other),
        "advisor": member(Role.ADVISOR),
        "official": member(Role.OFFICIAL),
    }
    advisor = people["advisor"]
    c = consultation(
        people["staff_own"], title="住民記録システムの更改", uploads=check_uploads([pdf("仕様書.pdf")])
    )
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    note = services.message_post(
        consultation_id=c.pk,
        actor=advisor,
        body="内部メモ：ベンダーAの見積は高すぎる",
        internal=True,
        uploads=check_uploads([pdf("内部資料.pdf")]),
    )
    reply = services.message_post(consultation_id=c.pk, actor=advisor, body="回答：共同調達をお勧めします")
    c.refresh_from_db()
    return {
        "own": own,
        "other": other,
        "people": people,
        "c": c,
        "note": note,
        "reply": reply,
        "public_file": c.attachments.get(internal=False),
        "internal_file": c.attachments.get(internal=True),
    }
