"""The one shape of a list's filters (django-filter), for every app's lists.

A list's FilterSet narrows a queryset the app has already limited through portal.access. A bad query
string never fails the page: an invalid filter is dropped (or, for a list that says so, the whole query
falls back to the list's defaults), and the list is always in one of its named orders.
"""

from collections.abc import Mapping

import django_filters
from django import forms
from django.db.models import QuerySet
from django_filters.fields import ModelChoiceIterator

from portal.forms import EvaluatedChoices


class EvaluatedFilterChoices(ModelChoiceIterator, EvaluatedChoices):
    """django-filter's model choices (with its null choice), read as portal.forms.EvaluatedChoices."""


class CheckboxFilter(django_filters.BooleanFilter):
    """A tick box that narrows when ticked (django-filter's own offers yes / no / unknown)."""

    field_class = forms.BooleanField


class SortFilter(django_filters.ChoiceFilter):
    """The order's choice; ListFilter applies it (the filter itself narrows nothing)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", None)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs


class ListFilter(django_filters.FilterSet):
    # What a visit without any filter shows; the form shows these as chosen.
    defaults: Mapping[str, object] = {}
    # Sort value → order_by() arguments; the first is used when none (or an unknown one) is chosen.
    orders: Mapping[str, tuple] = {}
    # True: a query with any invalid value shows the defaults; False: only the invalid filter is dropped.
    invalid_means_defaults = False

    def __init__(self, data=None, queryset=None, **kwargs):
        if data is not None and not any(name in data for name in self.base_filters):
            data = None  # ?page=2 of the default view is still the default view
        super().__init__(data, queryset, **kwargs)

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form_class = self.get_form_class()
            if self.is_bound:
                self._form = form_class(self.data, prefix=self.form_prefix)
            else:
                self._form = form_class(initial=self.defaults, prefix=self.form_prefix)
            for field in self._form.fields.values():
                if isinstance(field, forms.ModelChoiceField):
                    field.iterator = EvaluatedFilterChoices
                    field.widget.choices = field.choices
        return self._form

    def values(self) -> dict:
        """The filters in force: the defaults until the user has chosen, then the valid choices."""
        if not self.is_bound or (self.invalid_means_defaults and not self.form.is_valid()):
            return dict(self.defaults)
        self.form.is_valid()
        return dict(self.form.cleaned_data)  # a field that failed validation is not in cleaned_data

    @property
    def qs(self) -> QuerySet:
        if not hasattr(self, "_qs"):
            self._qs = self.filtered(self.values())
        return self._qs

    def qs_without(self, *names: str) -> QuerySet:
        """The list as filtered now, but for these filters (e.g. counts per status beside the list)."""
        return self.filtered({name: value for name, value in self.values().items() if name not in names})

    def filtered(self, values: Mapping[str, object]) -> QuerySet:
        queryset = self.queryset.all()
        for name, value in values.items():
            queryset = self.filters[name].filter(queryset, value)
        sort = values.get("sort")
        return self.order(queryset, sort if sort in self.orders else next(iter(self.orders)))

    def order(self, queryset: QuerySet, sort: str) -> QuerySet:
        return queryset.order_by(*self.orders[sort])
