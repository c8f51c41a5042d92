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
