"""Know-how's pages in the header navigation and on the home page, and what it offers on other apps'
pages (registered in apps.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal import access, material
from portal.navigation import EntryPoint, Section
from portal.offers import Offer

SECTIONS = [
    Section(
        name="knowhow.list",
        label=_("ノウハウ共有"),
        url_name="knowhow:list",
        order=300,
        visible_to="post.list",
    ),
]

ENTRY_POINTS = [
    EntryPoint(
        name="knowhow.new",
        label=_("質問・ノウハウを投稿する"),
        url_name="knowhow:new",
        description=_("ほかの市町村の職員に質問したり、業務のティップスや様式を共有したりできます。"),
        order=300,
        visible_to="post.create",
    ),
    EntryPoint(
        name="knowhow.list",
        label=_("ノウハウ共有"),
        url_name="knowhow:list",
        description=_("市町村の職員どうしの質問と回答、ティップス、様式、事例メモを探します。"),
        order=310,
        visible_to="post.list",
    ),
    EntryPoint(
        name="knowhow.shared_problems",
        label=_("複数の団体に共通する課題"),
        url_name="knowhow:shared_problems",
        description=_(
            "3団体以上が同じ課題を抱える質問と業務システム分野を、団体数の多い順に見て、共同での取組につなげます。"
        ),
        order=320,
        visible_to="shared_problems.view",
    ),
]


def _ask_url(case_study) -> str:
    return reverse("knowhow:ask", args=["case_study", case_study.pk])


def _may_ask(user, case_study) -> bool:
    return access.can(user, "post.ask", material.of(case_study))


# 「この団体に聞く」 on a case study's page (the model as portal.offers names it; know-how imports no case).
OFFERS = [
    Offer(
        name="knowhow.ask_case_study",
        label=_("この団体に聞く"),
        model="cases.casestudypage",
        url=_ask_url,
        visible=_may_ask,
        order=300,
    ),
]
