"""Reference data in the reader's language: Japanese names are the source, English names sit beside them.

Japanese lists are in 五十音順 by kana; English lists are alphabetical by the English name. A row
without an English name shows (and sorts by) its Japanese one rather than nothing.
"""

import functools

from django.conf import settings
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.hashable import make_hashable


def english_active() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0] == "en"


def localized(japanese: str, english: str) -> str:
    return english if english and english_active() else japanese


def in_display_order(
    queryset: QuerySet, *, kana: str = "kana_sort", japanese: str = "name", english: str = "name_en"
):
    """The queryset in the active language's order: by kana in Japanese, by English name in English."""
    if english_active():
        return queryset.order_by(Coalesce(NullIf(F(english), Value("")), F(japanese)), "pk")
    return queryset.order_by(kana, "pk")


def names(items, *, alphabetical: bool = True) -> str:
    """Names joined as the language writes a list: 奈良市、香芝市 / Kashiba City, Nara City. Items come
    in kana order, so English sorts them again unless the order is the editors' (alphabetical=False)."""
    labels = [str(item) for item in items]
    if english_active():
        return ", ".join(sorted(labels) if alphabetical else labels)
    return "、".join(labels)


@functools.cache
def _choice_labels(field, language: str) -> dict:
    return {make_hashable(value): str(label) for value, label in field.flatchoices}


class ChoiceLabels:
    """A model mixin whose get_FOO_display() translates a field's choices once per language.

    Django's own (Model._get_FIELD_display) builds a dict of every choice on each call, and hashing a
    lazy label translates it: a list of 25 consultations showing status and category translated some
    500 labels per page.
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        labels = _choice_labels(field, translation.get_language() or settings.LANGUAGE_CODE)
        return labels.get(make_hashable(value), value)
