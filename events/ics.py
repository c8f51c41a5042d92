"""Calendar files (.ics, RFC 5545) made with icalendar: times in UTC, one UID per event that never
changes, so a calendar that imports the file again updates the entry instead of adding another."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.models import Event, EventState


def uid_of(event: Event) -> str:
    host = settings.WAGTAILADMIN_BASE_URL.split("//")[-1].split("/")[0].split(":")[0] or "madoguchi"
    return f"event-{event.pk}@{host}"


def _entry(event: Event, url: str) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", uid_of(event))
    entry.add("dtstamp", datetime.datetime.now(tz=datetime.UTC))
    entry.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    entry.add("dtend", event.ends_at.astimezone(datetime.UTC))
    entry.add("summary", f"【{event.get_kind_display()}】{event.title}")
    location = event.place or event.online_url
    if location:
        entry.add("location", location)
    entry.add("description", "\n\n".join(part for part in (event.description, url) if part))
    entry.add("url", url)
    entry.add("status", "CANCELLED" if event.state == EventState.CANCELLED else "CONFIRMED")
    return entry


def calendar_response(events, *, url_of, filename: str) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//Madoguchi//Events//JA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for event in events:
        calendar.add_component(_entry(event, url_of(event)))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
