from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import is_mfa_enabled
from django.db.models import Exists, OuterRef, QuerySet

from portal import access
from portal.kana import gojuon_key
from portal.localize import english_active, localized
from portal.models import (
    HandoverRequest,
    Membership,
    Municipality,
    MunicipalityEmailDomain,
    Role,
    normalise_domain,
)


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


def district_choices() -> list[tuple[str, str]]:
    """Each district as (value, label in the active language): 五十音順 in Japanese, alphabetical in
    English."""
    english_names = dict(
        Municipality.objects.exclude(district="").order_by().values_list("district", "district_en").distinct()
    )
    choices = [
        (district, localized(district, english_names.get(district, "")))
        for district in districts_in_kana_order()
    ]
    return sorted(choices, key=lambda choice: choice[1]) if english_active() else choices


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


def account_overview(user) -> dict:
    """What the account page shows: who the user is, and the state of each setting."""
    membership = user.current_membership
    role = access.role_of(user)
    primary = EmailAddress.objects.filter(user=user, primary=True).first()
    recovery = Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).first()
    return {
        "email": primary.email if primary else user.email,
        "role_label": Role(role).label if role else (membership.get_role_display() if membership else ""),
        "is_pending": access.is_pending(user),
        "municipality": membership.municipality if membership else None,
        "mfa_enabled": is_mfa_enabled(user),
        "mfa_required": access.mfa_required(user),
        "recovery_codes_left": len(RecoveryCodes(recovery).get_unused_codes()) if recovery else None,
        "can_set_notifications": access.can(user, "notification.list"),
    }


HANDOVER_HISTORY_SIZE = 20


def handover_lists(user) -> dict:
    """The hand-over page's lists: what waits for this person's decision, the pending requests they
    made, and the recent requests they may see (the 履歴)."""
    return {
        "to_decide": list(access.handover_requests_to_decide_for(user)),
        "mine": list(
            access.handover_requests_for(user).filter(state=HandoverRequest.State.PENDING, requested_by=user)
        ),
        "recent": list(access.handover_requests_for(user)[:HANDOVER_HISTORY_SIZE]),
    }
