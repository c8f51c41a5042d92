"""/procurement/inventory/: a municipality's systems in use — its staff's own, or the one an advisor,
an official or a fellow member chooses — and the pages that add, change and remove a row."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import access
from portal.models import Municipality
from procurement.forms_partners import SystemInUseForm
from procurement.policy_partners import inventory_municipalities_for
from procurement.services_inventory import InventoryError, inventory_add, inventory_delete, inventory_update
from procurement.views.choosing import chosen_municipality


def _page(municipality: Municipality) -> str:
    return f"{reverse('procurement:inventory_list')}?municipality={municipality.code}"


@login_required
@require_GET
def inventory_list(request):
    access.require_or_404(request.user, "procurement.inventory.list")
    chooser, municipality = chosen_municipality(
        request, inventory_municipalities_for(request.user), "procurement.inventory.view"
    )
    systems = list(municipality.systems_in_use.select_related("area", "updated_by")) if municipality else []
    costs = [system.annual_cost for system in systems if system.annual_cost is not None]
    return render(
        request,
        "procurement/inventory/list.html",
        {
            "chooser": chooser,
            "municipality": municipality,
            "systems": systems,
            "total_cost": sum(costs) if costs else None,
        },
    )


def _editable(request, code) -> Municipality:
    municipality = get_object_or_404(inventory_municipalities_for(request.user), code=code)
    access.require_or_404(request.user, "procurement.inventory.edit", municipality)
    return municipality


def _form_page(request, municipality, form, system=None):
    return render(
        request,
        "procurement/inventory/form.html",
        {"municipality": municipality, "form": form, "system": system, "back": _page(municipality)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def inventory_new(request, code):
    municipality = _editable(request, code)
    form = SystemInUseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            inventory_add(actor=request.user, municipality_id=municipality.pk, values=form.cleaned_data)
        except InventoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("システムを台帳に追加しました。"))
            return redirect(_page(municipality))
    return _form_page(request, municipality, form)


@login_required
@require_http_methods(["GET", "POST"])
def inventory_edit(request, code, pk):
    municipality = _editable(request, code)
    system = get_object_or_404(municipality.systems_in_use, pk=pk)
    form = SystemInUseForm(request.POST or None, instance=system)
    if request.method == "POST" and form.is_valid():
        try:
            inventory_update(actor=request.user, system_id=system.pk, values=form.cleaned_data)
        except InventoryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("台帳の内容を保存しました。"))
            return redirect(_page(municipality))
    return _form_page(request, municipality, form, system)


@login_required
@require_POST
def inventory_remove(request, code, pk):
    municipality = _editable(request, code)
    if not municipality.systems_in_use.filter(pk=pk).exists():
        raise Http404
    inventory_delete(actor=request.user, municipality_id=municipality.pk, system_id=pk)
    messages.success(request, _("システムを台帳から削除しました。"))
    return redirect(_page(municipality))
