"""{{ municipalities|names }}: a list of names written as the active language writes one;
{{ members|names_of:"municipality" }} the same for an attribute of each item."""

from django import template

from portal import localize

register = template.Library()


@register.filter
def names(items) -> str:
    return localize.names(items)


@register.filter
def names_of(items, attribute: str) -> str:
    return localize.names(getattr(item, attribute) for item in items)
