"""The know-how list's filters (django-filter), over the published posts portal.access lets the user see."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from knowhow.models import Kind, Post, TaggedPost
from portal.filters import ListFilter, SortFilter
from portal.models import SystemArea

EVERYTHING = _("すべて")


class PostFilter(ListFilter):
    """Every filter is optional; an invalid one is dropped, never the page."""

    orders = {
        "newest": ("-published_at", "-pk"),
        "updated": ("-updated_at", "-pk"),
    }

    q = django_filters.CharFilter(label=_("キーワード"), method="filter_text")
    kind = django_filters.ChoiceFilter(label=_("種類"), empty_label=EVERYTHING, choices=Kind.choices)
    tag = django_filters.CharFilter(label=_("タグ"), method="filter_tag")
    system_area = django_filters.ModelChoiceFilter(
        label=_("業務システム分野"),
        queryset=SystemArea.objects.all(),
        empty_label=EVERYTHING,
        method="filter_system_area",
    )
    solved = django_filters.ChoiceFilter(
        label=_("質問の解決"),
        empty_label=EVERYTHING,
        choices=[("solved", _("解決済み")), ("unsolved", _("未解決"))],
        method="filter_solved",
    )
    sort = SortFilter(
        label=_("並び順"), choices=[("newest", _("新しい順")), ("updated", _("更新が新しい順"))]
    )

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(Q(title__icontains=word) | Q(body__icontains=word))
        return queryset

    def filter_tag(self, queryset, name, value):
        tagged = TaggedPost.objects.filter(content_object=OuterRef("pk"), tag__name__iexact=value.strip())
        return queryset.filter(Exists(tagged))

    def filter_system_area(self, queryset, name, value):
        areas = Post.system_areas.through.objects.filter(post=OuterRef("pk"), systemarea=value)
        return queryset.filter(Exists(areas))

    def filter_solved(self, queryset, name, value):
        questions = queryset.filter(kind=Kind.QUESTION)
        return questions.filter(accepted_answer__isnull=(value == "unsolved"))
