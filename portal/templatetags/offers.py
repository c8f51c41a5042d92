"""{% offers_for obj as offers %}: what other apps offer this user on the object the page shows."""

from django import template

from portal import offers

register = template.Library()


@register.simple_tag(takes_context=True)
def offers_for(context, obj):
    return offers.offers_for(context["request"].user, obj)
