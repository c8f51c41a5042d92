"""The search app's header box and its page for advisors, registered in SearchConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from portal.navigation import HeaderSearch, Section

HEADER_SEARCH = HeaderSearch(
    url_name="search:results",
    suggest_url_name="search:suggest",
    label=_("サイト内検索"),
    script="search/combobox.js",
)

SECTIONS = [
    Section(
        name="search.zero_results",
        label=_("見つからなかった検索語"),
        url_name="search:zero_results",
        order=850,
        visible_to="search.zero_results",
    ),
]
