"""The desk lends a consultation as portal.material Material (the know-how exchange makes FAQs from
solved ones): its body and public replies as plain text, never internal notes or internal files, and
the names of the people on its public thread so that a text made from it can leave them out."""

from django.urls import reverse

from consultations.models import Consultation, Status
from portal.material import Material, Source
from portal.sanitize import plain_text

SETTLED = frozenset({Status.RESOLVED, Status.CLOSED})


def _names(user) -> list[str]:
    """The full name, and the family and given names alone, so that either alone is found too."""
    if user is None:
        return []
    return [name for name in (user.get_full_name(), user.last_name, user.first_name) if name]


def load(pk: int) -> Material | None:
    consultation = (
        Consultation.objects.select_related("requester", "assignee", "filing_municipality")
        .prefetch_related("municipalities", "system_areas")
        .filter(pk=pk)
        .first()
    )
    if consultation is None:
        return None
    public = list(
        consultation.messages.filter(internal=False).select_related("author").order_by("created_at", "pk")
    )
    people = [consultation.requester, consultation.assignee, *(message.author for message in public)]
    return Material(
        source="consultation",
        pk=consultation.pk,
        label=consultation.reference,
        title=consultation.title,
        texts=tuple(plain_text(text) for text in [consultation.body, *(m.body for m in public)]),
        people=tuple(dict.fromkeys(name for person in people for name in _names(person))),
        owner=consultation.filing_municipality,
        municipalities=tuple(consultation.municipalities.all()),
        owner_contact=consultation.requester,
        system_areas=tuple(consultation.system_areas.all()),
        url=reverse("consultations:detail", args=[consultation.reference]),
        settled=consultation.status in SETTLED,
    )


SOURCE = Source(name="consultation", model="consultations.consultation", load=load)
