"""Consultations as search documents (registered in ConsultationsConfig.ready(); nothing indexes them yet).

A consultation is private: its document is found only by the staff of its municipalities and by the
roles that see every consultation, the same people `consultation.view` admits (tests check that they
agree). Its municipalities are the filing one and its joint-procurement partners (all in
`Consultation.municipalities`), who read it alike. The body holds the replies every party reads, never
the internal notes: a document has one text for all its readers. For the same reason only the
attachments every reader may open (`attachment.download`: not those of internal notes) lend their text
and names.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consultations.files import AREA
from consultations.models import Category, Consultation, Message, Status
from portal import access
from search.documents import CONSULTATIONS
from search.extraction import StoredFile, attachment_text
from search.registry import DocumentType, Visibility, plain_text, register


def replies(consultation: Consultation) -> list[Message]:
    """The messages every party reads, in order."""
    return [message for message in consultation.search_messages if not message.internal]


def prepare(consultation: Consultation) -> dict:
    attachments, names = attachment_text(shared_files(consultation), CONSULTATION_KIND, consultation.pk)
    return {
        "reference": consultation.reference,
        "title": consultation.title,
        "body": "\n".join(
            [plain_text(consultation.body), *(plain_text(m.body) for m in replies(consultation))]
        ),
        "attachments": attachments,
        "attachment_names": names,
        "url": reverse("consultations:detail", args=[consultation.reference]),
        "municipalities": sorted(str(m.pk) for m in consultation.search_municipalities),
        "author_municipality": (
            str(consultation.filing_municipality_id) if consultation.filing_municipality_id else None
        ),
        "category": consultation.category,
        "status": consultation.status,
        "system_areas": sorted(str(area.pk) for area in consultation.search_system_areas),
        "created": consultation.created_at.isoformat(),
        "updated": consultation.updated_at.isoformat(),
        "year": consultation.created_at.year,
    }


def shared_files(consultation: Consultation) -> list[StoredFile]:
    """The attachments every reader of the consultation may download: none of an internal note's."""
    return [
        StoredFile(name=a.name, content_type=a.content_type, path=a.stored_name, area=AREA)
        for a in consultation.search_attachments
        if not a.internal
    ]


def all_consultations():
    """Every consultation with what its document reads, prefetched into plain lists (``search_*``).

    Lists, not the managers' caches: a prefetch into a cache builds a queryset per object and relation,
    which cost a rebuild more than building the documents did (bench/search.py). So ``prepare`` and
    ``visibility`` take objects from this queryset only.
    """
    return Consultation.objects.prefetch_related(
        Prefetch("municipalities", to_attr="search_municipalities"),
        Prefetch("system_areas", to_attr="search_system_areas"),
        Prefetch("attachments", to_attr="search_attachments"),
        Prefetch(
            "messages", queryset=Message.objects.order_by("created_at", "pk"), to_attr="search_messages"
        ),
    )


def consultations_to_check():
    """What ``consultation.view`` reads: the municipalities, into the manager's cache it reads."""
    return Consultation.objects.prefetch_related("municipalities")


def visibility(consultation: Consultation) -> Visibility:
    return Visibility(
        municipalities=frozenset(m.pk for m in consultation.search_municipalities),
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
    access_queryset=consultations_to_check,
    choice_labels={"category": dict(Category.choices), "status": dict(Status.choices)},
)


def register_documents() -> None:
    register(CONSULTATION)
