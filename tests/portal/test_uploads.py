"""The kernel's upload checker is the only way to a CheckedUpload, which is what services take."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal import uploads


def test_a_checked_upload_tells_what_the_checker_found():
    checked = uploads.check_upload(SimpleUploadedFile("../一覧.csv", "番号,名称\n1,香芝市\n".encode("cp932")))
    assert (checked.name, checked.kind, checked.content_type) == ("一覧.csv", "csv", "text/csv")
    assert checked.size == len(checked.data) == len("番号,名称\n1,香芝市\n".encode("cp932"))


def test_a_checked_upload_cannot_be_made_without_the_checker():
    with pytest.raises(TypeError, match="made only by"):
        uploads.CheckedUpload(name="x.pdf", size=3, content_type="application/pdf", kind="pdf", data=b"%PD")


def test_a_checked_upload_cannot_be_changed_after_the_check():
    checked = uploads.check_upload(SimpleUploadedFile("memo.txt", "メモ".encode()))
    with pytest.raises(AttributeError):
        checked.data = b"MZ\x90\x00"


def test_every_refused_file_of_a_batch_is_named_at_once():
    with pytest.raises(ValidationError) as refused:
        uploads.check_uploads(
            [
                SimpleUploadedFile("setup.exe", b"MZ"),
                SimpleUploadedFile("memo.txt", "メモ".encode()),
                SimpleUploadedFile("偽.pdf", b"MZ"),
            ]
        )
    assert [message.split(":")[0] for message in refused.value.messages] == ["setup.exe", "偽.pdf"]


def test_ensure_checked_refuses_a_raw_file():
    with pytest.raises(TypeError, match="got SimpleUploadedFile"):
        uploads.ensure_checked([SimpleUploadedFile("memo.txt", b"x")])
