"""The desk's attachments: checked uploads (portal.uploads) stored privately, one Attachment row each."""

from django.core.files.storage import FileSystemStorage

from consultations.models import Attachment
from portal.uploads import CheckedUpload, storage

AREA = "consultations"


def private_storage() -> FileSystemStorage:
    """Where the desk's files are, under PRIVATE_STORAGE_ROOT/consultations/."""
    return storage.private_storage(AREA)


def store(checked: CheckedUpload, *, consultation, message, internal: bool, actor) -> Attachment:
    """Write the bytes under a random name and record the real name in the database."""
    return Attachment.objects.create(
        consultation=consultation,
        message=message,
        internal=internal,
        name=checked.name,
        stored_name=storage.save(checked, area=AREA),
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor,
    )
