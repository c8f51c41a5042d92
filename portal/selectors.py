from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, QuerySet

from portal.models import Membership, Municipality, MunicipalityEmailDomain, normalise_domain


def municipality_for_email(email: str) -> Municipality | None:
    """The municipality whose registered domain the address belongs to (exact domain match)."""
    domain = normalise_domain(email.rsplit("@", 1)[-1])
    match = MunicipalityEmailDomain.objects.select_related("municipality").filter(domain=domain).first()
    return match.municipality if match else None


def municipalities_in_kana_order() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("kana_sort", "code")


def pending_memberships(queryset: QuerySet[Membership]) -> QuerySet[Membership]:
    """Requests awaiting a decision, with whether the applicant has confirmed their address."""
    verified = EmailAddress.objects.filter(
        user=OuterRef("user"), email__iexact=OuterRef("user__email"), verified=True
    )
    return (
        queryset.filter(state=Membership.State.PENDING)
        .annotate(email_verified=Exists(verified))
        .order_by("requested_at")
    )
