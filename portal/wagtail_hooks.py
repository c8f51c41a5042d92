"""Admins edit the shared system-area taxonomy as a Wagtail snippet."""

from wagtail.snippets.models import register_snippet

from portal.models import SystemArea

register_snippet(SystemArea)
