from django import template
from django.utils.translation import gettext as _

from portal import access

register = template.Library()


@register.simple_tag(takes_context=True)
def byline(context, contribution) -> str:
    """Who wrote it, as this reader may know: 「山田 花子（香芝市）」, or 「匿名（市町村名を伏せる）」 for an
    anonymous one unless the reader is an advisor, an admin or the author (who are told it is anonymous)."""
    if not access.can(context["user"], "contribution.reveal_author", contribution):
        return _("匿名（市町村名を伏せる）")
    name = contribution.author.get_full_name()
    if contribution.municipality_id:
        name = _("%(name)s（%(municipality)s）") % {"name": name, "municipality": contribution.municipality}
    if contribution.anonymous:
        return _("%(name)s・ほかの市町村には匿名で表示") % {"name": name}
    return name
