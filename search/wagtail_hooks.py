"""The synonym rules, kept by advisors and admins in Wagtail's admin as a snippet.

Who may keep them is portal.access's rule (synonym.manage), not a Django permission handed out in a
group: the snippet's permission policy asks the engine, as the vendor-name snippet does."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.snippet_policy import AdvisorsKeep
from search.models import SynonymRule


class SynonymRuleViewSet(SnippetViewSet):
    model = SynonymRule
    icon = "list-ul"
    menu_label = _("検索の同義語")
    list_display = ["rule", "active", "note", "updated_at"]
    list_filter = ["active"]
    search_fields = ["rule", "note"]
    copy_view_enabled = False


register_permission_policy(SynonymRule, AdvisorsKeep(SynonymRule, "synonym.manage"), exact_class=True)
register_snippet(SynonymRuleViewSet)
