"""Upload checking for every app: a file is read and checked once, and what passes is a CheckedUpload.

The type is decided by the bytes, not by the name or the browser's Content-Type, and must agree with
the extension; each format has its own check (portal.uploads.checks). Text files are not judged
further: downloads are served as attachments with nosniff and a sandbox, so a browser never renders
them. One batch (a message and its files) carries at most UPLOAD_MAX_FILES files and
UPLOAD_MAX_TOTAL_BYTES in all, each file at most UPLOAD_MAX_BYTES.

A form's AttachmentsField (portal.forms) calls check_uploads; services take the CheckedUploads it
returns and refuse anything else (ensure_checked), so no caller skips the check and nothing is parsed
twice. Code that calls a service without a form (demo data, tests) calls check_uploads itself.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.uploads import checks

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
# Only check_upload holds this: a CheckedUpload made anywhere else is refused when it is made.
_ISSUED_BY_THE_CHECKER = object()


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed check_upload: its safe name, size, content type, the format its bytes were
    checked as (`kind`, e.g. "pdf", "jpeg", "xlsx"), and the bytes themselves."""

    name: str
    size: int
    content_type: str
    kind: str
    data: bytes = field(repr=False)
    _issuer: object = field(default=None, repr=False, compare=False)

    def __post_init__(self):
        if self._issuer is not _ISSUED_BY_THE_CHECKER:
            raise TypeError("A CheckedUpload is made only by portal.uploads.check_upload.")


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


def _too_large(name: str, limit: int):
    checks.reject(
        _("%(name)s: ファイルが大きすぎます（%(max)s MB まで）。")
        % {"name": name, "max": f"{limit / 1024 / 1024:g}"}
    )


def check_upload(upload) -> CheckedUpload:
    """Read and check one uploaded file; raises ValidationError with a Japanese message."""
    name = safe_name(upload.name)
    if not name:
        checks.reject(_("ファイル名がありません。"))
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size > limit:
        _too_large(name, limit)
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension not in CONTENT_TYPES:
        checks.reject(
            _("%(name)s: この種類のファイルは添付できません（%(allowed)s）。")
            % {"name": name, "allowed": ALLOWED_EXTENSIONS_TEXT}
        )
    upload.seek(0)
    data = upload.read()
    if len(data) > limit:
        _too_large(name, limit)
    mismatch = _("%(name)s: 拡張子と中身が一致しません。") % {"name": name}
    kind = "jpeg" if extension == "jpg" else extension
    if kind == "pdf":
        if not data.startswith(b"%PDF-"):
            checks.reject(mismatch)
        checks.check_pdf(data, name)
    elif kind == "png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            checks.reject(mismatch)
        checks.check_image(data, name)
    elif kind == "jpeg":
        if not data.startswith(b"\xff\xd8\xff"):
            checks.reject(mismatch)
        checks.check_image(data, name)
    elif kind in ("zip", *checks.OOXML_PARTS):
        if not data.startswith(b"PK\x03\x04"):
            checks.reject(mismatch)
        checks.check_zip(data, name, kind)
    elif kind in checks.OLE_MAIN_STREAMS:
        if not data.startswith(checks.OLE_MAGIC):
            checks.reject(mismatch)
        checks.check_ole(data, name, kind)
    elif kind == "csv":
        checks.check_csv(checks.check_text(data, name), name)
    else:
        checks.check_text(data, name)
    return CheckedUpload(
        name=name,
        size=len(data),
        content_type=CONTENT_TYPES[extension],
        kind=kind,
        data=data,
        _issuer=_ISSUED_BY_THE_CHECKER,
    )


def _check_batch(count: int, total: int) -> None:
    """A batch's number of files and total size, within the limits of one message."""
    most = settings.UPLOAD_MAX_FILES
    if count > most:
        checks.reject(_("添付できるファイルは1回に%(max)d件までです。") % {"max": most})
    total_limit = settings.UPLOAD_MAX_TOTAL_BYTES
    if total > total_limit:
        checks.reject(
            _("添付ファイルの合計が大きすぎます（1回に合計%(max)s MB まで）。")
            % {"max": f"{total_limit / 1024 / 1024:g}"}
        )


def check_uploads(uploads) -> list[CheckedUpload]:
    """Check one batch: its number of files and total size, then every file. Every file's refusal is
    reported at once (ValidationError with one message per file), so the user fixes them in one go."""
    uploads = [upload for upload in uploads if upload]
    _check_batch(len(uploads), sum(upload.size for upload in uploads))
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return checked


def ensure_checked(uploads) -> list[CheckedUpload]:
    """The uploads a service was given, if every one came from the checker and together they are within
    one batch's limits; a raw file is refused, so a caller cannot skip the check (and the service never
    parses a file again)."""
    uploads = list(uploads)
    for upload in uploads:
        if not isinstance(upload, CheckedUpload):
            raise TypeError(
                f"Expected CheckedUpload from portal.uploads.check_uploads, got {type(upload).__name__}."
            )
    # Files checked one by one (check_upload) still make one batch here: its limits hold too.
    _check_batch(len(uploads), sum(upload.size for upload in uploads))
    return uploads
