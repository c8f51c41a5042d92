"""The case studies' pages in the header navigation and on the home page (registered in apps.py)."""

from django.utils.translation import gettext_lazy as _

from portal.navigation import EntryPoint, Section, everyone, signed_in

SECTIONS = [
    Section(name="cases.list", label=_("成功事例"), url_name="cases:list", order=200, visible_to=everyone),
    Section(
        name="cases.adoption", label=_("推進状況"), url_name="cases:adoption", order=210, visible_to=everyone
    ),
]

ENTRY_POINTS = [
    EntryPoint(
        name="cases.list",
        label=_("成功事例"),
        url_name="cases:list",
        description=_("他の市町村の共同化・クラウド化の事例を探し、並べて比べます。"),
        order=200,
        visible_to=signed_in,
    ),
    EntryPoint(
        name="cases.adoption",
        label=_("市町村の推進状況"),
        url_name="cases:adoption",
        description=_("県内39市町村のクラウド化・共同化の状況。"),
        order=210,
        visible_to=signed_in,
    ),
    EntryPoint(
        name="cases.readiness",
        label=_("準備度の自己診断"),
        url_name="cases:readiness",
        description=_("成功要因をもとに準備度を診断し、不足している点と参考事例を確かめます。"),
        order=220,
        visible_to=signed_in,
    ),
]
