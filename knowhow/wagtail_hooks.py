"""The vendor names FAQs leave out, kept by advisors and admins in Wagtail's admin as a snippet.

Who may keep the list is portal.access's rule (vendor_name.manage), not a Django permission handed
out in a group: the snippet's permission policy asks the engine."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from knowhow.models import VendorName
from portal.snippet_policy import AdvisorsKeep


class VendorNameViewSet(SnippetViewSet):
    model = VendorName
    icon = "tag"
    menu_label = _("伏せる事業者名")
    list_display = ["name", "aliases"]
    search_fields = ["name", "aliases"]
    copy_view_enabled = False


register_permission_policy(VendorName, AdvisorsKeep(VendorName, "vendor_name.manage"), exact_class=True)
register_snippet(VendorNameViewSet)
