"""The events in the header navigation, and 「視察を申し込む」 offered on a case study's page."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal import access, material
from portal.navigation import Section
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
