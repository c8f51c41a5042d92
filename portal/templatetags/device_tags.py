from django import template

from portal import devices

register = template.Library()


@register.filter
def device(user_agent: str) -> devices.Device:
    """`{% with d=session.user_agent|device %}{{ d.browser }} {{ d.os }}{% endwith %}`"""
    return devices.describe(user_agent)
