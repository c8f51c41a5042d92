"""Attachments: checked by content, size-limited, stored outside the media root under random names.

The type is decided by the bytes, not by the name or the browser's Content-Type, and must agree with
the extension. Zip containers (zip, docx, xlsx, pptx) are decompressed in memory as a stream against
a byte budget (declared sizes can lie), must not nest archives, and Office files must not carry
macros; legacy Office files (doc, xls, ppt) must be real OLE2 documents with their main stream and
no VBA project. Images are checked for decompression bombs by their declared size before any pixel
is decoded. A message carries at most CONSULTATION_ATTACHMENTS_MAX_FILES files and
CONSULTATION_ATTACHMENTS_MAX_TOTAL_BYTES in all.
"""

import contextlib
import contextvars
import io
import os
import re
import secrets
import struct
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass

import olefile
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
# The ratio applies to entries that expand beyond this; small, very regular XML parts may exceed it.
MAX_ZIP_RATIO_FLOOR = 1024 * 1024
ZIP_CHUNK = 64 * 1024
# Archives inside archives are refused: they would escape the byte budget when someone opens them.
ARCHIVE_EXTENSIONS = frozenset({"zip", "7z", "rar", "gz", "tgz", "bz2", "xz", "tar", "lzh", "cab", "jar"})
ARCHIVE_MAGICS = (b"PK\x03\x04", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
# The main stream each legacy Office type must have, and the storages where a VBA project lives.
OLE_MAIN_STREAMS = {"doc": ("WordDocument",), "xls": ("Workbook", "Book"), "ppt": ("PowerPoint Document",)}
OLE_MACRO_STORAGES = frozenset({"macros", "_vba_project_cur", "vba", "_vba_project"})

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


def _bomb(name: str):
    _reject(
        _("%(name)s: 展開すると極端に大きくなる圧縮ファイル（zip爆弾の疑い）は受け付けられません。")
        % {"name": name}
    )


class _UnreadableEntry(Exception):
    """An archive entry this check will not open: encrypted, or compressed other than stored/deflate."""


def _inflate(data: bytes, entry: zipfile.ZipInfo, limit: int) -> tuple[int | None, bytes]:
    """Decompress one entry's raw bytes as a stream, ignoring the sizes its headers declare: returns
    (bytes produced, the first bytes), or (None, …) as soon as more than `limit` bytes come out."""
    if entry.flag_bits & 0x1:
        raise _UnreadableEntry("encrypted entry")
    header = data[entry.header_offset : entry.header_offset + 30]
    if header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("no local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = entry.header_offset + 30 + name_length + extra_length
    raw = memoryview(data)[start : start + entry.compress_size]
    if entry.compress_type == zipfile.ZIP_STORED:
        return (len(raw) if len(raw) <= limit else None), bytes(raw[:8])
    if entry.compress_type != zipfile.ZIP_DEFLATED:
        raise _UnreadableEntry("compression method")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced, head = 0, b""
    for offset in range(0, len(raw), ZIP_CHUNK):
        pending = bytes(raw[offset : offset + ZIP_CHUNK])
        while pending:
            out = inflater.decompress(pending, ZIP_CHUNK)
            head = head or out[:8]
            produced += len(out)
            if produced > limit:
                return None, head
            pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    return produced, head


def _check_zip(data: bytes, name: str, extension: str) -> None:
    damaged = _("%(name)s: ファイルが壊れているか、拡張子と中身が一致しません。") % {"name": name}
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        _reject(damaged)
    if len(entries) > MAX_ZIP_ENTRIES:
        _bomb(name)
    names = {entry.filename for entry in entries}
    budget = MAX_ZIP_TOTAL
    for entry in entries:
        inner = entry.filename.rpartition("/")[2]
        inner_extension = inner.rpartition(".")[2].lower() if "." in inner else ""
        embedded = extension in OOXML_PARTS and "/embeddings/" in f"/{entry.filename}"
        if not embedded and not entry.is_dir() and inner_extension in ARCHIVE_EXTENSIONS:
            _reject(_("%(name)s: 圧縮ファイルの中の圧縮ファイルは受け付けられません。") % {"name": name})
        # Count what really comes out, not what the headers declare; stop as soon as it is too much.
        entry_limit = max(MAX_ZIP_RATIO * max(entry.compress_size, 1), MAX_ZIP_RATIO_FLOOR)
        try:
            produced, head = _inflate(data, entry, min(budget, entry_limit))
        except (zipfile.BadZipFile, zlib.error, struct.error, _UnreadableEntry):
            # A broken entry, encryption, or a compression method other than stored and deflate.
            _reject(damaged)
        if produced is None:
            _bomb(name)
        budget -= produced
        if not embedded and head.startswith(ARCHIVE_MAGICS):
            _reject(_("%(name)s: 圧縮ファイルの中の圧縮ファイルは受け付けられません。") % {"name": name})
    if extension in OOXML_PARTS:
        if "[Content_Types].xml" not in names or not any(n.startswith(OOXML_PARTS[extension]) for n in names):
            _reject(_("%(name)s: 拡張子と中身が一致しません。") % {"name": name})
        # zipfile's own errors: NotImplementedError for a compression method it lacks, RuntimeError
        # for an encrypted member.
        try:
            content_types = archive.read("[Content_Types].xml").lower()  # inflated within budget above
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, RuntimeError):
            _reject(damaged)
        if (
            any(n.lower().rpartition("/")[2] == "vbaproject.bin" for n in names)
            or b"macroenabled" in content_types
        ):
            _reject(_("%(name)s: マクロを含むOfficeファイルは受け付けられません。") % {"name": name})


def _check_ole(data: bytes, name: str, extension: str) -> None:
    """A legacy Office file: a real OLE2 compound file with its main stream and no VBA project."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as document:
            paths = document.listdir(streams=True, storages=True)
            has_main = any(document.exists(stream) for stream in OLE_MAIN_STREAMS[extension])
    except Exception:
        _reject(_("%(name)s: ファイルが壊れているか、拡張子と中身が一致しません。") % {"name": name})
    if not has_main:
        _reject(_("%(name)s: 拡張子と中身が一致しません。") % {"name": name})
    if any(part.lower() in OLE_MACRO_STORAGES for path in paths for part in path):
        _reject(_("%(name)s: マクロを含むOfficeファイルは受け付けられません。") % {"name": name})


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
    elif extension in OLE_MAIN_STREAMS:
        if not data.startswith(OLE_MAGIC):
            _reject(mismatch)
        _check_ole(data, name, extension)
    else:
        _check_text(data, name)
    return CheckedUpload(name=name, content_type=CONTENT_TYPES[extension], data=data)


def check_uploads(uploads) -> list[CheckedUpload]:
    """Check every file of one message, and the message's number of files and total size."""
    uploads = [upload for upload in uploads if upload]
    check_upload_count_and_total(uploads)
    return [check_upload(upload) for upload in uploads]


def check_upload_count_and_total(uploads) -> None:
    most = settings.CONSULTATION_ATTACHMENTS_MAX_FILES
    if len(uploads) > most:
        _reject(_("添付できるファイルは1回に%(max)d件までです。") % {"max": most})
    total_limit = settings.CONSULTATION_ATTACHMENTS_MAX_TOTAL_BYTES
    if sum(upload.size for upload in uploads) > total_limit:
        _reject(
            _("添付ファイルの合計が大きすぎます（1回に合計%(max)s MB まで）。")
            % {"max": f"{total_limit / 1024 / 1024:g}"}
        )


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
