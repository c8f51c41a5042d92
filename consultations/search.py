"""Consultations as search documents (registered in ConsultationsConfig.ready(); nothing indexes them yet).

A consultation is private: its document is found only by the staff of its municipalities and by the
roles that see every consultation, the same people `consultation.view` admits (tests check that they
agree). Messages are left out: internal notes are for advisors only.
"""

from elasticsearch.dsl import Date, Keyword

from consultations.models import Consultation
from portal import access
from search.analysis import japanese_text
from search.registry import DocumentType, Visibility, plain_text, register

FIELDS = {
    "reference": Keyword(),
    "title": japanese_text(),
    "body": japanese_text(),
    "category": Keyword(),
    "status": Keyword(),
    "priority": Keyword(),
    "system_areas": Keyword(),
    "created_at": Date(),
    "updated_at": Date(),
}


def prepare(consultation: Consultation) -> dict:
    return {
        "reference": consultation.reference,
        "title": consultation.title,
        "body": plain_text(consultation.body),
        "category": consultation.category,
        "status": consultation.status,
        "priority": consultation.priority,
        "system_areas": [area.name for area in consultation.system_areas.all()],
        "created_at": consultation.created_at.isoformat(),
        "updated_at": consultation.updated_at.isoformat(),
    }


def all_consultations():
    return Consultation.objects.prefetch_related("municipalities", "system_areas")


def visibility(consultation: Consultation) -> Visibility:
    return Visibility(
        municipalities=frozenset(m.pk for m in consultation.municipalities.all()),
        roles=frozenset(access.ADVISOR_LIKE),
    )


CONSULTATION = DocumentType(
    name="consultation",
    model=Consultation,
    fields=FIELDS,
    prepare=prepare,
    queryset=all_consultations,
    visibility=visibility,
    view_action="consultation.view",
)


def register_documents() -> None:
    register(CONSULTATION)
