"""Templates ask portal.access instead of deciding: {% can "message.edit" m as may_edit %}."""

from django import template

from portal import access

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action, obj=None, **extra):
    """Whether the page's user may do `action` (on `obj`, with `extra` as the rule's context)."""
    return access.can(context["user"], action, obj, **extra)
