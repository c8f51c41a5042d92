from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef, QuerySet

from portal.kana import gojuon_key
from portal.models import Membership, Municipality, MunicipalityEmailDomain, normalise_domain


def municipality_for_email(email: str) -> Municipality | None:
    """The municipality whose registered domain the address belongs to (exact domain match)."""
    domain = normalise_domain(email.rsplit("@", 1)[-1])
    match = MunicipalityEmailDomain.objects.select_related("municipality").filter(domain=domain).first()
    return match.municipality if match else None


def municipalities_in_kana_order() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("kana_sort", "code")


def district_sort_key(district: str, kana: str) -> str:
    """五十音順 by the district's reading (its name if no reading has been entered)."""
    return gojuon_key(kana or district)


def districts_in_kana_order() -> list[str]:
    """The districts (郡) that have municipalities, in 五十音順: 生駒郡, 宇陀郡, 北葛城郡 ..."""
    readings: dict[str, str] = {}
    rows = Municipality.objects.exclude(district="").order_by().values_list("district", "district_kana")
    for district, kana in rows.distinct():
        readings[district] = readings.get(district) or kana
    return sorted(readings, key=lambda district: (district_sort_key(district, readings[district]), district))


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
