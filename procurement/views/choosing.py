"""The inventory's and the partner finder's shared start: which municipality the page is about.

Staff see their own municipality unless they choose another they may; advisors (and others who may
read several) choose with a select. A municipality outside the user's choices does not exist (404)."""

from django.http import Http404

from portal import access
from portal.models import Municipality
from procurement.forms_partners import MunicipalityChoiceForm


def chosen_municipality(
    request, choices, action
) -> tuple[MunicipalityChoiceForm | None, Municipality | None]:
    """(the select, when there is more than one choice; the municipality chosen, or None yet)."""
    code = request.GET.get("municipality")
    if code:
        municipality = choices.filter(code=code).first()
        if municipality is None or not access.can(request.user, action, municipality):
            raise Http404
    else:
        municipality = access.municipality_of(request.user)
    ordered = Municipality.in_display_order(choices)
    if ordered.count() < 2:
        return None, municipality
    return MunicipalityChoiceForm(
        initial={"municipality": municipality}, municipalities=ordered
    ), municipality
