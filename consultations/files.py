"""Attachments: checked by content, size-limited, stored outside the media root under random names.

The type is decided by the bytes, not by the name or the browser's Content-Type, and must agree with
the extension. Zip containers (zip, docx, xlsx, pptx) are checked for bombs without extracting them;
images for decompression bombs by their declared size before any pixel is decoded.
"""

import contextlib
import contextvars
import io
import os
import re
import secrets
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _
from PIL import Image

from consultations.models import Attachment

MAX_IMAGE_PIXELS = 40_000_000  # e.g. 8000 × 5000
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_ZIP_RATIO = 100

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "zip": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "csv": "text/csv",
    "txt": "text/plain",
}
ALLOWED_EXTENSIONS_TEXT = "PDF, Word, Excel, PowerPoint, CSV, TXT, PNG, JPEG, ZIP"
_WRITTEN: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("written_files", default=None)


@dataclass
class CheckedUpload:
    name: str
    content_type: str
    data: bytes


def private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=os.path.join(str(settings.PRIVATE_STORAGE_ROOT), "consultations"))


def safe_name(raw: str) -> str:
    """The last path part, NFC, without control characters or path separators, at most 120 chars."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().strip(".").strip()
    stem, dot, ext = name.rpartition(".")
    if len(name) > 120:
        name = (stem[: 119 - len(ext)] + dot + ext) if dot else name[:120]
    return name


def _reject(message: str):
    raise ValidationError(message, code="invalid_upload")


def _check_zip(data: bytes, name: str, extension: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _reject(_("%(name)s: ファイルが壊れているか、拡張子と中身が一致しません。") % {"name": name})
    total = sum(entry.file_size for entry in entries)
    if (
        len(entries) > MAX_ZIP_ENTRIES
        or total > MAX_ZIP_TOTAL
        or any(entry.file_size > MAX_ZIP_RATIO * max(entry.compress_size, 1) for entry in entries)
    ):
        _reject(
            _("%(name)s: 展開すると極端に大きくなる圧縮ファイル（zip爆弾の疑い）は受け付けられません。")
            % {"name": name}
        )
    if extension in OOXML_PARTS:
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" not in names or not any(n.startswith(OOXML_PARTS[extension]) for n in names):
            _reject(_("%(name)s: 拡張子と中身が一致しません。") % {"name": name})


def _check_image(data: bytes, name: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                _reject(
                    _("%(name)s: 画像の画素数が大きすぎます（%(max)s画素まで）。")
                    % {"name": name, "max": f"{MAX_IMAGE_PIXELS:,}"}
                )
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _reject(
            _("%(name)s: 画像の画素数が大きすぎます（%(max)s画素まで）。")
            % {"name": name, "max": f"{MAX_IMAGE_PIXELS:,}"}
        )
    except Exception:
        _reject(_("%(name)s: 画像ファイルとして読み込めません。") % {"name": name})


def _check_text(data: bytes, name: str) -> None:
    if b"\x00" in data:
        _reject(_("%(name)s: テキストファイルではありません。") % {"name": name})
    for encoding in ("utf-8", "cp932"):
        try:
            data.decode(encoding)
            return
        except UnicodeDecodeError:
            continue
    _reject(_("%(name)s: 文字コードが UTF-8 でも Shift_JIS でもありません。") % {"name": name})


def check_upload(upload) -> CheckedUpload:
    """Read and check one uploaded file; raises ValidationError with a Japanese message."""
    name = safe_name(upload.name)
    if not name:
        _reject(_("ファイル名がありません。"))
    limit = settings.CONSULTATION_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        _reject(
            _("%(name)s: ファイルが大きすぎます（%(max)s MB まで）。")
            % {"name": name, "max": f"{limit / 1024 / 1024:g}"}
        )
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        _reject(
            _("%(name)s: この種類のファイルは添付できません（%(allowed)s）。")
            % {"name": name, "allowed": ALLOWED_EXTENSIONS_TEXT}
        )
    upload.seek(0)
    data = upload.read()
    if len(data) > limit:
        _reject(
            _("%(name)s: ファイルが大きすぎます（%(max)s MB まで）。")
            % {"name": name, "max": f"{limit / 1024 / 1024:g}"}
        )
    mismatch = _("%(name)s: 拡張子と中身が一致しません。") % {"name": name}
    if extension == "pdf":
        if not data.startswith(b"%PDF-"):
            _reject(mismatch)
    elif extension == "png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            _reject(mismatch)
        _check_image(data, name)
    elif extension in ("jpg", "jpeg"):
        if not data.startswith(b"\xff\xd8\xff"):
            _reject(mismatch)
        _check_image(data, name)
    elif extension in ("zip", *OOXML_PARTS):
        if not data.startswith(b"PK\x03\x04"):
            _reject(mismatch)
        _check_zip(data, name, extension)
    elif extension in ("doc", "xls", "ppt"):
        if not data.startswith(OLE_MAGIC):
            _reject(mismatch)
    else:
        _check_text(data, name)
    return CheckedUpload(name=name, content_type=CONTENT_TYPES[extension], data=data)


@contextlib.contextmanager
def removed_unless_committed():
    """Files stored inside the block are deleted again if it fails: their rows rolled back with it."""
    written: list[str] = []
    token = _WRITTEN.set(written)
    try:
        yield
    except BaseException:
        storage = private_storage()
        for name in written:
            storage.delete(name)
        raise
    finally:
        _WRITTEN.reset(token)


def store(checked: CheckedUpload, *, consultation, message, internal: bool, actor) -> Attachment:
    """Write the bytes under a random name and record the real name in the database."""
    from django.core.files.base import ContentFile

    stored_name = private_storage().save(secrets.token_hex(24), ContentFile(checked.data))
    written = _WRITTEN.get()
    if written is not None:
        written.append(stored_name)
    return Attachment.objects.create(
        consultation=consultation,
        message=message,
        internal=internal,
        name=checked.name,
        stored_name=os.path.basename(stored_name),
        content_type=checked.content_type,
        size=len(checked.data),
        uploaded_by=actor,
    )
