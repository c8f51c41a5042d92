"""The documents' files: checked uploads (portal.uploads) stored privately, one DocumentVersion row each,
served only by the download view that checks access."""

import hashlib

from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from portal.uploads import CheckedUpload, storage
from procurement.models import Document, DocumentVersion

AREA = "procurement"


def private_storage() -> FileSystemStorage:
    """Where the documents' files are, under PRIVATE_STORAGE_ROOT/procurement/."""
    return storage.private_storage(AREA)


def fingerprint(checked: CheckedUpload) -> str:
    """What tells a file sent again from a new version."""
    return hashlib.sha256(checked.data).hexdigest()


def store_version(
    document: Document, checked: CheckedUpload, *, actor, note: str = "", uploaded_at=None
) -> DocumentVersion:
    """Write the bytes under a random name and record them as the document's next version."""
    last = document.versions.order_by("-number").values_list("number", flat=True).first()
    return DocumentVersion.objects.create(
        document=document,
        number=(last or 0) + 1,
        name=checked.name,
        stored_name=storage.save(checked, area=AREA),
        content_type=checked.content_type,
        size=checked.size,
        sha256=fingerprint(checked),
        note=note,
        uploaded_by=actor,
        uploaded_at=uploaded_at or timezone.now(),
    )
