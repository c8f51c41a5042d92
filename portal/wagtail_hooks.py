"""Reference data in Wagtail's admin: municipalities with their mail domains, memberships, and the
shared system-area taxonomy (a snippet)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.models import register_snippet

from portal.models import Membership, Municipality, MunicipalityEmailDomain, SystemArea


class MunicipalityViewSet(ModelViewSet):
    model = Municipality
    name = "municipalities"
    icon = "site"
    list_display = ["name", "kana", "kind", "district", "population", "population_is_approximate"]
    list_filter = ["kind", "district"]
    search_fields = ["name", "kana", "code"]
    form_fields = [
        "code",
        "name",
        "name_en",
        "kana",
        "kind",
        "district",
        "district_kana",
        "district_en",
        "population",
        "population_is_approximate",
    ]
    ordering = ["kana"]
    copy_view_enabled = False


class MunicipalityEmailDomainViewSet(ModelViewSet):
    model = MunicipalityEmailDomain
    name = "mail-domains"
    icon = "mail"
    list_display = ["domain", "municipality"]
    search_fields = ["domain"]
    form_fields = ["municipality", "domain"]
    copy_view_enabled = False


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "memberships"
    icon = "group"
    list_display = ["user", "municipality", "role", "state", "started_on", "ended_on"]
    list_filter = ["role", "state"]
    search_fields = ["user__email", "user__last_name"]
    form_fields = ["user", "municipality", "role", "state", "started_on", "ended_on"]
    copy_view_enabled = False


class ReferenceDataGroup(ModelViewSetGroup):
    menu_label = _("市町村と利用者")
    menu_icon = "site"
    items = (MunicipalityViewSet, MunicipalityEmailDomainViewSet, MembershipViewSet)


@hooks.register("register_admin_viewset")
def register_reference_data():
    return ReferenceDataGroup()


register_snippet(SystemArea)
