"""Attachment text for search: read in the background, bounded in size and time, stored once per content.

An app's ``prepare`` describes a document's files as :class:`StoredFile` values and calls
:func:`attachment_text`, which returns the text already read and the names of all files, and schedules
the ``extract_attachments`` task for the files not read yet. Nothing is parsed in a request or in the
indexer: the task reads the file from its storage, hashes it, and — unless identical bytes were read
before — parses it in a child process (``search.parsers``) with a memory limit and a deadline, so a
hostile PDF can neither hang nor exhaust the worker. It stores an :class:`~search.models.ExtractedText`
(status ok, unreadable, too_large or timeout) and records an index change for every document waiting
for that file, which is then indexed with the text. A file that cannot be read is indexed by its name
only; :func:`statuses` tells a page which files those are, with a message to show.

``search/`` imports no app: it works on a storage path, a name and a content type.
"""

import hashlib
import logging
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.utils import timezone

from portal.task_retry import retrying_task
from portal.uploads.storage import private_storage
from search import indexing
from search.models import AttachmentFile, ExtractedText
from search.parsers import PARSED_KINDS

logger = logging.getLogger(__name__)

Status = ExtractedText.Status
READ_CHUNK = 1024 * 1024
# The content types portal.uploads and Wagtail give the parsed formats, for a name without extension.
KIND_OF_CONTENT_TYPE = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "text/plain": "txt",
    "text/csv": "csv",
}


@dataclass(frozen=True)
class StoredFile:
    """One file of a document: its name, its content type and where its bytes are.

    ``area`` is the private storage folder (``portal.uploads.storage``); empty for the default storage
    (Wagtail's documents). ``version`` must change whenever the bytes behind ``path`` may have changed
    (e.g. Wagtail's ``file_hash``); stored uploads keep random, never reused names and need none.
    """

    name: str
    content_type: str
    path: str
    area: str = ""
    version: str = ""

    @property
    def location(self) -> str:
        return f"{self.area or '-'}:{self.path}:{self.version}"


def parsed_kind(name: str, content_type: str) -> str | None:
    """The format the file is parsed as, or None for one whose text is not read (images, archives…)."""
    extension = name.rpartition(".")[2].lower() if "." in name else ""
    if extension in PARSED_KINDS:
        return extension
    return KIND_OF_CONTENT_TYPE.get(content_type.split(";")[0].strip().lower())


# --- The glue for prepare() --------------------------------------------------------------------------


def attachment_text(files: Iterable[StoredFile], kind: str, pk) -> tuple[str, list[str]]:
    """The stored text of ``files`` and all their names, for the document ``kind``-``pk``.

    Files not read yet are recorded and the extraction task is enqueued (in the caller's transaction);
    when it has read them it records an index change for this document, which brings their text in.
    """
    files = list(files)
    names = [f.name for f in files]
    readable = {f.location: f for f in files if parsed_kind(f.name, f.content_type)}
    if not readable:
        return "", names
    object_id = str(pk)
    known = {
        row.location: row
        for row in AttachmentFile.objects.filter(kind=kind, object_id=object_id, location__in=list(readable))
    }
    new = [
        AttachmentFile(
            kind=kind,
            object_id=object_id,
            location=location,
            name=f.name[:200],
            content_type=f.content_type[:100],
        )
        for location, f in readable.items()
        if location not in known
    ]
    if new:
        AttachmentFile.objects.bulk_create(new, ignore_conflicts=True)
        extract_attachments.enqueue(kind=kind, object_id=object_id)
    hashes = [row.sha256 for row in known.values() if row.sha256]
    texts = dict(
        ExtractedText.objects.filter(sha256__in=hashes, status=Status.OK).values_list("sha256", "text")
    )
    parts = [texts[known[loc].sha256] for loc in readable if loc in known and known[loc].sha256 in texts]
    # Highlighting analyses at most 1,000,000 characters of a field: keep the whole field below that.
    return "\n".join(parts)[: settings.SEARCH_ATTACHMENTS_MAX_CHARS], names


def statuses(files: Iterable[StoredFile]) -> dict[str, str]:
    """``{location: status}`` of the files read so far (a value of :class:`Status`), for a page to say
    「本文を読み取れませんでした」 beside a file indexed by its name only (``Status(value).label``)."""
    locations = [f.location for f in files]
    rows = AttachmentFile.objects.filter(location__in=locations, read_at__isnull=False)
    hashes = {row.location: row.sha256 for row in rows}
    found = dict(
        ExtractedText.objects.filter(sha256__in=[h for h in hashes.values() if h]).values_list(
            "sha256", "status"
        )
    )
    return {location: found.get(sha256, Status.UNREADABLE) for location, sha256 in hashes.items()}


# --- The background task -----------------------------------------------------------------------------


@retrying_task()
def extract_attachments(kind: str, object_id: str) -> int:
    """Read the files of ``kind``-``object_id`` not read yet; returns how many files were read.

    Idempotent: a file read already (by this or another run) is skipped, and a second run finds nothing.
    """
    pending = AttachmentFile.objects.filter(kind=kind, object_id=object_id, read_at__isnull=True)
    read = 0
    for location in sorted(set(pending.values_list("location", flat=True))):
        row = pending.filter(location=location).first()
        if row is None:
            continue
        sha256 = _read_and_extract(row)
        with transaction.atomic():
            waiting = list(
                AttachmentFile.objects.select_for_update().filter(location=location, read_at__isnull=True)
            )
            AttachmentFile.objects.filter(pk__in=[w.pk for w in waiting]).update(
                sha256=sha256, read_at=timezone.now()
            )
            by_kind: dict[str, set[str]] = defaultdict(set)
            for w in waiting:
                by_kind[w.kind].add(w.object_id)
            for waiting_kind, object_ids in by_kind.items():
                indexing.changed_many(waiting_kind, sorted(object_ids))
        read += 1
    return read


def _storage(area: str) -> Storage:
    return private_storage(area) if area else default_storage


def _read_and_extract(row: AttachmentFile) -> str:
    """Hash the file and make sure its ExtractedText exists; returns the hash ("" if it cannot be read)."""
    area, _sep, rest = row.location.partition(":")
    path = rest.rpartition(":")[0]
    limit = settings.SEARCH_EXTRACT_MAX_BYTES
    digest = hashlib.sha256()
    head = bytearray()
    size = 0
    try:
        with _storage("" if area == "-" else area).open(path, "rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                if len(head) <= limit:
                    head += chunk[: limit + 1 - len(head)]
    except OSError as error:
        logger.warning("Attachment %s of %s-%s cannot be read: %s", row.name, row.kind, row.object_id, error)
        return ""
    sha256 = digest.hexdigest()
    if not ExtractedText.objects.filter(sha256=sha256).exists():
        fields = extract(bytes(head), row.name, row.content_type, size=size)
        ExtractedText.objects.bulk_create(
            [ExtractedText(sha256=sha256, size=size, **fields)], ignore_conflicts=True
        )
    return sha256


def extract(data: bytes, name: str, content_type: str, *, size: int | None = None) -> dict:
    """Read the text of ``data`` in a child process, within the size, length and time limits.

    Returns the fields of an ExtractedText: status, text, truncated, error. ``size`` is the whole
    file's size when ``data`` holds only its first bytes.
    """
    size = len(data) if size is None else size
    kind = parsed_kind(name, content_type)
    if kind is None:
        return _failed(Status.UNREADABLE, "format not read")
    if size > settings.SEARCH_EXTRACT_MAX_BYTES:
        return _failed(Status.TOO_LARGE, f"{size} bytes")
    max_chars = settings.SEARCH_EXTRACT_MAX_CHARS
    try:
        # One more character than is kept tells a cut text from one that just fits.
        child = subprocess.run(  # noqa: S603 -- fixed argv: our interpreter, our module, a known kind
            [sys.executable, "-m", "search.parsers", kind, str(max_chars + 1)],
            input=data,
            capture_output=True,
            timeout=settings.SEARCH_EXTRACT_TIMEOUT_SECONDS,
            cwd=settings.BASE_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        return _failed(Status.TIMEOUT, f"over {settings.SEARCH_EXTRACT_TIMEOUT_SECONDS}s")
    if child.returncode != 0:
        return _failed(
            Status.UNREADABLE, child.stderr.decode("utf-8", "replace") or f"exit {child.returncode}"
        )
    text = child.stdout.decode("utf-8", "replace")
    return {"status": Status.OK, "text": text[:max_chars], "truncated": len(text) > max_chars, "error": ""}


def _failed(status: str, error: str) -> dict:
    return {"status": status, "text": "", "truncated": False, "error": error[:300]}
