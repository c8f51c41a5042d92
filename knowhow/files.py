"""Know-how's attachments: checked uploads (portal.uploads) stored privately, one Attachment row each."""

from django.core.files.storage import FileSystemStorage

from knowhow.models import Attachment
from portal.uploads import CheckedUpload, storage

AREA = "knowhow"


def private_storage() -> FileSystemStorage:
    """Where know-how's files are, under PRIVATE_STORAGE_ROOT/knowhow/."""
    return storage.private_storage(AREA)


def store(checked: CheckedUpload, *, actor, post=None, answer=None, version_note: str = "") -> Attachment:
    """Write the bytes under a random name and record the real name in the database."""
    return Attachment.objects.create(
        post=post,
        answer=answer,
        name=checked.name,
        stored_name=storage.save(checked, area=AREA),
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor,
        version_note=version_note,
    )
