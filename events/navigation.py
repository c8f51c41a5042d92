"""The events in the header navigation and on the home page, and 「視察を申し込む」 offered on a case
study's page."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal import access, material
from portal.navigation import EntryPoint, Section
from portal.offers import Offer

SECTIONS = [
    Section(
        name="events.list",
        label=_("勉強会・研修会"),
        url_name="events:list",
        order=350,
        visible_to="event.list",
    ),
]

ENTRY_POINTS = [
    EntryPoint(
        name="events.list",
        label=_("勉強会・研修会に申し込む"),
        url_name="events:list",
        description=_("県の勉強会・研修会・説明会・視察に申し込み、資料と日程（.ics）を受け取ります。"),
        order=350,
        visible_to="event.list",
    ),
]


def _visit_url(case_study) -> str:
    return reverse("events:visit_new") + "?" + urlencode({"case": case_study.pk})


def _may_request_visit(user, case_study) -> bool:
    return access.can(user, "site_visit.request", material.of(case_study))


OFFERS = [
    Offer(
        name="events.request_visit",
        label=_("視察を申し込む"),
        model="cases.casestudypage",
        url=_visit_url,
        visible=_may_request_visit,
        order=400,
    ),
]
