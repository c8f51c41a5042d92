"""The desk's pages in the header navigation and on the home page (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from portal.navigation import EntryPoint, Section

SECTIONS = [
    Section(
        name="consultations.queue",
        label=_("相談"),
        url_name="consultations:queue",
        order=100,
        visible_to="consultation.list",
    ),
    Section(
        name="consultations.visits",
        label=_("出前相談"),
        url_name="consultations:visits",
        order=110,
        visible_to="visit.list",
    ),
    Section(
        name="consultations.dashboard",
        label=_("相談窓口ダッシュボード"),
        url_name="consultations:dashboard",
        order=120,
        visible_to="consultation.view_dashboard",
    ),
]

ENTRY_POINTS = [
    EntryPoint(
        name="consultations.new",
        label=_("相談する"),
        url_name="consultations:new",
        description=_("情報システムの調達・契約・クラウド化などをCIO補佐官に相談できます。"),
        order=100,
        visible_to="consultation.file",
    ),
    EntryPoint(
        name="consultations.queue",
        label=_("相談一覧"),
        url_name="consultations:queue",
        description=_("相談の状況と回答を確認します。"),
        order=110,
        visible_to="consultation.list",
    ),
]
