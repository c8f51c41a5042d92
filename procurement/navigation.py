"""共同化検討会 in the header navigation and on the home page (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from portal.navigation import EntryPoint, Section

SECTIONS = [
    Section(
        name="procurement.list",
        label=_("共同化検討会"),
        url_name="procurement:list",
        order=400,
        visible_to="procurement.list",
    ),
]

ENTRY_POINTS = [
    EntryPoint(
        name="procurement.list",
        label=_("共同化検討会"),
        url_name="procurement:list",
        description=_(
            "複数の市町村でシステムを共同調達する検討会の、参加団体・マイルストーン・資料を見ます。"
        ),
        order=400,
        visible_to="procurement.list",
    ),
]
