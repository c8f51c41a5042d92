"""Consultations as search documents (registered in ConsultationsConfig.ready(); nothing indexes them yet).

A consultation is private: its document is found only by the staff of its municipalities and by the
roles that see every consultation, the same people `consultation.view` admits (tests check that they
agree). Messages are left out: internal notes are for advisors only. For the same reason only the
attachments every reader may open (`attachment.download`: not those of internal notes) lend their text
and names.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consultations.files import AREA
from consultations.models import Category, Consultation, Status
from portal import access
from search.documents import CONSULTATIONS
from search.extraction import StoredFile, attachment_text
from search.registry import DocumentType, Visibility, plain_text, register


def prepare(consultation: Consultation) -> dict:
    attachments, names = attachment_text(shared_files(consultation), CONSULTATION_KIND, consultation.pk)
    return {
        "reference": consultation.reference,
        "title": consultation.title,
        "body": plain_text(consultation.body),
        "attachments": attachments,
        "attachment_names": names,
        "url": reverse("consultations:detail", args=[consultation.reference]),
        "municipalities": [str(m.pk) for m in consultation.municipalities.all()],
        "category": consultation.category,
        "status": consultation.status,
        "system_areas": [str(area.pk) for area in consultation.system_areas.all()],
        "created": consultation.created_at.isoformat(),
        "updated": consultation.updated_at.isoformat(),
        "year": consultation.created_at.year,
    }


def shared_files(consultation: Consultation) -> list[StoredFile]:
    """The attachments every reader of the consultation may download: none of an internal note's."""
    return [
        StoredFile(name=a.name, content_type=a.content_type, path=a.stored_name, area=AREA)
        for a in consultation.attachments.all()
        if not a.internal
    ]


def all_consultations():
    return Consultation.objects.prefetch_related("municipalities", "system_areas", "attachments")


def visibility(consultation: Consultation) -> Visibility:
    return Visibility(
        municipalities=frozenset(m.pk for m in consultation.municipalities.all()),
        roles=frozenset(access.ADVISOR_LIKE),
    )


CONSULTATION_KIND = "consultation"

CONSULTATION = DocumentType(
    name=CONSULTATION_KIND,
    label=_("相談"),
    model=Consultation,
    index=CONSULTATIONS,
    prepare=prepare,
    queryset=all_consultations,
    visibility=visibility,
    view_action="consultation.view",
    choice_labels={"category": dict(Category.choices), "status": dict(Status.choices)},
)


def register_documents() -> None:
    register(CONSULTATION)
