"""Files on posts and answers: checked by the kernel's upload rules, stored privately, shown with name and
size, downloaded only by who may read the post (as an attachment, counted), and hostile files refused."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from knowhow import services
from knowhow.models import Attachment, Post
from portal.uploads import check_uploads
from tests.consultations import pdfs
from tests.knowhow.conftest import ask

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def pdf(name="仕様書.pdf", data=None):
    return SimpleUploadedFile(name, data or pdfs.plain(), content_type="application/pdf")


def macro_docx(name="様式.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\0" * 10)
    return SimpleUploadedFile(name, buffer.getvalue())


def text(response) -> str:
    return response.content.decode()


def test_a_question_with_a_pdf_shows_it_and_readers_download_it_as_an_attachment(client, log_in, world):
    people = world["people"]
    log_in(people["asker"])
    response = client.post(
        "/knowhow/new/",
        {
            "kind": "question",
            "title": "仕様書の書き方",
            "body": "添付の仕様書で足りますか。",
            "attachments": [pdf()],
        },
    )
    post = Post.objects.get(title="仕様書の書き方")
    assert response.status_code == 302
    log_in(people["answerer"])
    page = text(client.get(f"/knowhow/{post.pk}/"))
    attachment = post.attachments.get()
    assert "仕様書.pdf" in page and f"/knowhow/files/{attachment.pk}/" in page and "ダウンロード 0 回" in page
    download = client.get(f"/knowhow/files/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdfs.plain()
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]
    assert "sandbox" in download["Content-Security-Policy"]
    attachment.refresh_from_db()
    assert attachment.download_count == 1
    assert "ダウンロード 1 回" in text(client.get(f"/knowhow/{post.pk}/"))


def test_an_answer_carries_its_own_files(client, log_in, world):
    people = world["people"]
    log_in(people["answerer"])
    question = world["question"]
    client.post(
        f"/knowhow/{question.pk}/answers/",
        {"answer-body": "うちの手順書です。", "answer-attachments": [pdf("手順書.pdf")]},
    )
    answer = question.answers.get(body="うちの手順書です。")
    assert answer.attachments.get().name == "手順書.pdf"
    log_in(people["third"])
    assert "手順書.pdf" in text(client.get(f"/knowhow/{question.pk}/"))
    assert client.get(f"/knowhow/files/{answer.attachments.get().pk}/").status_code == 200


def test_a_file_on_a_draft_is_its_authors_alone(client, log_in, world):
    people = world["people"]
    draft = ask(people["asker"], title="下書き", publish=False, uploads=check_uploads([pdf()]))
    attachment = draft.attachments.get()
    log_in(people["answerer"])
    assert client.get(f"/knowhow/files/{attachment.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/knowhow/files/{attachment.pk}/").status_code == 302
    log_in(people["asker"])
    assert client.get(f"/knowhow/files/{attachment.pk}/").status_code == 200
    attachment.refresh_from_db()
    assert attachment.download_count == 1


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (lambda: pdf("資料.pdf", pdfs.javascript_open_action()), "JavaScript"),
        (lambda: SimpleUploadedFile("様式.docm", b"PK\x03\x04macro"), "この種類のファイルは添付できません"),
        (macro_docx, "マクロ"),
    ],
    ids=["pdf-with-javascript", "docm", "docx-with-macros"],
)
def test_hostile_files_are_refused_with_the_kernels_reason_and_the_form_keeps_the_text(
    client, log_in, world, upload, reason
):
    log_in(world["people"]["asker"])
    response = client.post(
        "/knowhow/new/",
        {"kind": "tip", "title": "危ない様式", "body": "本文はそのまま残ります。", "attachments": [upload()]},
    )
    page = text(response)
    assert response.status_code == 200 and reason in page
    assert "本文はそのまま残ります。" in page and "選んだ添付ファイルは送信されていません" in page
    assert not Post.objects.filter(title="危ない様式").exists() and not Attachment.objects.exists()


def test_files_are_removed_when_the_post_is_not_saved(settings, world, monkeypatch):
    checked = check_uploads([pdf()])

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Post.system_areas.related_manager_cls, "set", fail)
    with pytest.raises(RuntimeError):
        services.post_create(
            actor=world["people"]["asker"], kind="tip", title="失敗する投稿", body="本文", uploads=checked
        )
    stored = settings.PRIVATE_STORAGE_ROOT / "knowhow"
    assert not Attachment.objects.exists()
    assert not stored.exists() or list(stored.iterdir()) == []


def test_services_refuse_files_that_were_not_checked(world):
    with pytest.raises(TypeError):
        services.post_create(
            actor=world["people"]["asker"], kind="tip", title="未確認", body="本文", uploads=[pdf()]
        )
