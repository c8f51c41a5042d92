"""Surveys in the header navigation and on the home page (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from portal.navigation import EntryPoint, Section

SECTIONS = [
    Section(
        name="surveys.list", label=_("照会"), url_name="surveys:list", order=510, visible_to="survey.list"
    ),
]

ENTRY_POINTS = [
    EntryPoint(
        name="surveys.list",
        label=_("照会に回答する・照会を送る"),
        url_name="surveys:list",
        description=_(
            "県からの照会（調査）に団体として回答します。CIO補佐官は照会を作成し、集計表を確認します。"
        ),
        order=510,
        visible_to="survey.list",
    ),
]
