from django.db.models import QuerySet

from portal.models import Membership, Municipality, MunicipalityEmailDomain


def municipality_for_email(email: str) -> Municipality | None:
    """The municipality whose registered domain the address belongs to (exact domain match)."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    match = MunicipalityEmailDomain.objects.select_related("municipality").filter(domain=domain).first()
    return match.municipality if match else None


def municipalities_in_kana_order() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("kana", "code")


def pending_memberships(queryset: QuerySet[Membership]) -> QuerySet[Membership]:
    return queryset.filter(state=Membership.State.PENDING).order_by("requested_at")
