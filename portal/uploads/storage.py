"""Private storage for checked uploads: outside the public media root, under random names.

Each app keeps its files in its own folder (`area`) under PRIVATE_STORAGE_ROOT and serves them only
through a permission-checked view; the real name lives in the app's database row.
"""

import contextlib
import contextvars
import os
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404

from portal.uploads import CheckedUpload

_WRITTEN: contextvars.ContextVar[list[tuple[str, str]] | None] = contextvars.ContextVar(
    "written_files", default=None
)


def private_storage(area: str) -> FileSystemStorage:
    return FileSystemStorage(location=os.path.join(str(settings.PRIVATE_STORAGE_ROOT), area))


def save(checked: CheckedUpload, *, area: str) -> str:
    """Write the bytes under a random name in `area`; returns that name."""
    stored_name = private_storage(area).save(secrets.token_hex(24), ContentFile(checked.data))
    written = _WRITTEN.get()
    if written is not None:
        written.append((area, stored_name))
    return os.path.basename(stored_name)


@contextlib.contextmanager
def removed_unless_committed():
    """Files saved inside the block are deleted again if it fails: their rows rolled back with it."""
    written: list[tuple[str, str]] = []
    token = _WRITTEN.set(written)
    try:
        yield
    except BaseException:
        for area, name in written:
            private_storage(area).delete(name)
        raise
    finally:
        _WRITTEN.reset(token)


def download(storage: FileSystemStorage, *, stored_name: str, name: str, content_type: str) -> FileResponse:
    """A stored file as a download that the browser never renders, whatever its bytes claim, and no
    shared cache keeps; a file missing from the storage answers 404. The caller has checked access."""
    try:
        handle = storage.open(stored_name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "no-store"
    return response
