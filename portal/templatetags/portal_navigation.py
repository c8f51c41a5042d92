"""{% entry_points as entries %}: the home page's first steps for this user, from the apps' registrations.

A tag rather than HomePage.get_context, so the page model need not import the registry (which asks
portal.access, which reads the models)."""

from django import template

from portal import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def entry_points(context):
    return navigation.entry_points_for(context["request"].user)
