"""Admin listings with filters for case studies and their snippets (bakerydemo's shape)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cases.models import AdoptionGroup, CaseStudyPage, StatedTotal, SuccessFactor, TypologyEntry
from cases.workflow import must_go_through_review, publishes_a_case
from portal import access


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


class StatedTotalPolicy(ModelPermissionPolicy):
    """Only those portal.access lets edit the source's stated totals get past the model permission."""

    def user_has_permission(self, user, action):
        if not access.can(user, "stated_total.edit"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(StatedTotal, StatedTotalPolicy(StatedTotal))


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


# --- the 決裁: advisors publish case studies only through the review workflow -----------------------
@hooks.register("construct_page_action_menu")
def hide_direct_publish(menu_items, request, context):
    page = context.get("page") or context.get("parent_page")
    model = context.get("page_class") or (page.specific_class if page is not None else None)
    if model is not None and must_go_through_review(request.user, model):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def _refuse_direct_publish(request, model):
    if (
        request.method == "POST"
        and "action-publish" in request.POST
        and must_go_through_review(request.user, model)
    ):
        messages.error(
            request, gettext("事例は「CIO補佐官の確認」を経て公開されます。確認に回してください。")
        )
        return redirect(request.get_full_path())
    return None


@hooks.register("before_create_page")
def refuse_direct_publish_on_create(request, parent_page, page_class):
    return _refuse_direct_publish(request, page_class)


@hooks.register("before_edit_page")
def refuse_direct_publish_on_edit(request, page):
    return _refuse_direct_publish(request, page.specific_class)


def _back(request, fallback: str):
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@hooks.register("before_bulk_action")
def refuse_bulk_publish_of_cases(request, action_type, objects, action_class_instance):
    """The bulk 公開 in page listings would skip the 決裁 just as the edit view's button would."""
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    with_descendants = bool(request.POST.get("include_descendants"))
    if publishes_a_case(request.user, objects, with_descendants=with_descendants):
        messages.error(
            request,
            gettext("事例は「CIO補佐官の確認」を経て公開されます。一括公開はできません。"),
        )
        return _back(request, reverse("wagtailadmin_explore_root"))
    return None


@hooks.register("before_copy_page")
def refuse_publishing_copies_of_cases(request, page):
    """A copy made live at once (「コピーを公開」, or an alias of a live case) would skip the 決裁."""
    if request.method != "POST":
        return None
    publishing = request.POST.get("publish_copies") or request.POST.get("alias")
    with_descendants = bool(request.POST.get("copy_subpages"))
    if publishing and publishes_a_case(request.user, [page], with_descendants=with_descendants):
        messages.error(
            request,
            gettext("事例のコピーは下書きとして作り、「CIO補佐官の確認」に回してください。"),
        )
        return redirect(request.get_full_path())
    return None
