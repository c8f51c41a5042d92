"""Consultations as search documents (registered in ConsultationsConfig.ready(); nothing indexes them yet).

A consultation is private: its document is found only by the staff of its municipalities and by the
roles that see every consultation, the same people `consultation.view` admits (tests check that they
agree). Messages are left out: internal notes are for advisors only.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consultations.models import Category, Consultation, Status
from portal import access
from search.documents import CONSULTATIONS
from search.registry import DocumentType, Visibility, plain_text, register


def prepare(consultation: Consultation) -> dict:
    return {
        "reference": consultation.reference,
        "title": consultation.title,
        "body": plain_text(consultation.body),
        "url": reverse("consultations:detail", args=[consultation.reference]),
        "municipalities": [str(m.pk) for m in consultation.municipalities.all()],
        "category": consultation.category,
        "status": consultation.status,
        "system_areas": [str(area.pk) for area in consultation.system_areas.all()],
        "created": consultation.created_at.isoformat(),
        "updated": consultation.updated_at.isoformat(),
        "year": consultation.created_at.year,
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
