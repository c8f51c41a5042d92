"""Admin listings with filters for case studies and their snippets (bakerydemo's shape)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.models import AdoptionGroup, CaseStudyPage, StatedTotal, SuccessFactor, TypologyEntry


class CaseStudyListingViewSet(PageListingViewSet):
    model = CaseStudyPage
    icon = "doc-full"
    menu_label = _("成功事例")
    menu_order = 150
    add_to_admin_menu = True
    name = "case_studies"
    list_filter = ["arrangement", "organisation", "purpose", "system", "last_confirmed"]


class SuccessFactorViewSet(SnippetViewSet):
    model = SuccessFactor
    icon = "success"
    menu_label = _("成功要因")
    list_display = ["title", "source", "weight", "sort_order"]
    list_filter = ["source"]
    search_fields = ["title", "description"]
    ordering = ["sort_order", "pk"]


class TypologyEntryViewSet(SnippetViewSet):
    model = TypologyEntry
    icon = "list-ul"
    menu_label = _("導入形態の類型")
    list_display = ["title", "dimension", "sort_order"]
    list_filter = ["dimension"]


class AdoptionGroupFilterSet(WagtailFilterSet):
    class Meta:
        model = AdoptionGroup
        fields = ["arrangement", "system", "organisation"]


class AdoptionGroupViewSet(SnippetViewSet):
    model = AdoptionGroup
    icon = "table"
    menu_label = _("推進状況（取組）")
    list_display = [
        "name",
        "arrangement",
        "system",
        Column("member_count", label=_("参加団体数"), accessor=lambda group: group.members.count()),
        "start_as_written",
    ]
    filterset_class = AdoptionGroupFilterSet
    search_fields = ["name"]
    ordering = ["sort_order", "pk"]


class StatedTotalViewSet(SnippetViewSet):
    model = StatedTotal
    icon = "order"
    menu_label = _("出典の合計")
    list_display = ["label_as_written", "value", "scope"]


class CasesSnippetGroup(SnippetViewSetGroup):
    menu_label = _("事例の分類と推進状況")
    menu_icon = "folder-open-inverse"
    menu_order = 160
    items = (SuccessFactorViewSet, TypologyEntryViewSet, AdoptionGroupViewSet, StatedTotalViewSet)


register_snippet(CasesSnippetGroup)


@hooks.register("register_admin_viewset")
def register_case_study_listing():
    return CaseStudyListingViewSet("case_studies")
