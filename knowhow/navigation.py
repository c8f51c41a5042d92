"""Know-how's pages in the header navigation and on the home page (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from portal.navigation import EntryPoint, Section

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
]
