"""{{ municipalities|names }}: a list of names written as the active language writes one."""

from django import template

from portal import localize

register = template.Library()


@register.filter
def names(items) -> str:
    return localize.names(items)
