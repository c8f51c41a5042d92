"""The queue's filters (django-filter), over the consultations portal.access lets the user see."""

import datetime

import django_filters
from django.db.models import Case, Exists, F, IntegerField, OuterRef, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from consultations import policy
from consultations.forms import advisors
from consultations.models import OPEN_STATUSES, Category, Consultation, Status, Visit
from consultations.selectors import overdue_q
from portal.filters import CheckboxFilter, ListFilter, SortFilter
from portal.models import Municipality, SystemArea, User

EVERYTHING = _("すべて")


class QueueFilter(ListFilter):
    """The queue opens on the work still to do, the late first; 「すべて」 remains one choice away."""

    defaults = {"status": "open", "sort": "urgent"}
    orders = {
        # "urgent" (overdue first, then by due date) needs the day: order() builds it.
        "urgent": (),
        "-created": ("-created_at", "-pk"),
        "created": ("created_at", "pk"),
        "due": ("resolution_due", "pk"),
        "reference": ("fiscal_year", "number"),
    }
    invalid_means_defaults = True

    status = django_filters.ChoiceFilter(
        label=_("状態"),
        empty_label=EVERYTHING,
        choices=[("open", _("未完了（受付・対応中・回答待ち）")), *Status.choices],
        method="filter_status",
    )
    category = django_filters.ChoiceFilter(label=_("分類"), empty_label=EVERYTHING, choices=Category.choices)
    system_area = django_filters.ModelChoiceFilter(
        label=_("業務システム分野"),
        queryset=SystemArea.objects.all(),
        empty_label=EVERYTHING,
        method="filter_system_area",
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("市町村"),
        queryset=lambda request: Municipality.in_display_order(),
        empty_label=EVERYTHING,
        method="filter_municipality",
    )
    assignee = django_filters.ChoiceFilter(label=_("担当"), empty_label=EVERYTHING, method="filter_assignee")
    overdue = CheckboxFilter(label=_("期限超過のみ"), method="filter_overdue")
    has_visit = CheckboxFilter(label=_("出前相談ありのみ"), method="filter_has_visit")
    sort = SortFilter(
        label=_("並び順"),
        choices=[
            ("urgent", _("期限超過を先に、解決期限が近い順")),
            ("-created", _("新しい順")),
            ("created", _("古い順")),
            ("due", _("解決期限が近い順")),
            ("reference", _("受付番号順")),
        ],
    )

    def __init__(
        self,
        data=None,
        queryset=None,
        *,
        user,
        today: datetime.date,
        for_advisor: bool,
        team: list[User] | None = None,
        **kwargs,
    ):
        """`team`: the advisors (advisors()) when the page has read them already."""
        super().__init__(data, queryset, **kwargs)
        self.user = user
        self.today = today
        assignees = [("none", _("未割当て"))]
        if for_advisor:
            assignees.append(("me", _("自分")))
        assignees += [
            (str(advisor.pk), advisor.get_full_name()) for advisor in (advisors() if team is None else team)
        ]
        self.filters["assignee"].extra["choices"] = assignees
        if not for_advisor:
            del self.filters["municipality"]

    @classmethod
    def for_request(
        cls, request, *, today: datetime.date, for_advisor: bool, team: list[User] | None = None
    ) -> "QueueFilter":
        """The queue's filters over what the user may see; the CSV export follows the same ones."""
        return cls(
            request.GET or None,
            policy.consultations_for(request.user),
            user=request.user,
            today=today,
            for_advisor=for_advisor,
            team=team,
        )

    def filter_status(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        return queryset.filter(status=value)

    def filter_system_area(self, queryset, name, value):
        links = Consultation.system_areas.through.objects.filter(
            consultation=OuterRef("pk"), systemarea=value
        )
        return queryset.filter(Exists(links))

    def filter_municipality(self, queryset, name, value):
        links = Consultation.municipalities.through.objects.filter(
            consultation=OuterRef("pk"), municipality=value
        )
        return queryset.filter(Exists(links))

    def filter_assignee(self, queryset, name, value):
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value == "me":
            return queryset.filter(assignee=self.user)
        return queryset.filter(assignee_id=value)

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q(self.today)) if value else queryset

    def filter_has_visit(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Visit.objects.filter(consultation=OuterRef("pk"))))

    def narrowed(self) -> bool:
        """True when a filter other than the status narrows the list: its counts must then be counted."""
        return any(value for name, value in self.values().items() if name not in ("status", "sort"))

    def statuses(self) -> tuple[str, ...]:
        """The statuses the list shows."""
        chosen = self.values().get("status")
        if chosen == "open":
            return OPEN_STATUSES
        return (chosen,) if chosen else tuple(Status.values)

    def listing(self, rows=lambda queryset: queryset):
        """What the queue pages through, each queryset passed through ``rows`` (e.g. to prefetch): the
        list in its order, or the urgent order in two index-ordered parts."""
        sort = self.values().get("sort")
        if sort in self.orders and sort != "urgent":
            return rows(self.qs)
        return LateFirst(self.filtered({**self.values(), "sort": "created"}), self.today, rows)

    def order(self, queryset: QuerySet, sort: str) -> QuerySet:
        if sort != "urgent":
            return super().order(queryset, sort)
        late_first = Case(
            When(overdue_q(self.today), then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return queryset.alias(late=late_first).order_by(
            "late", F("resolution_due").asc(nulls_last=True), "pk"
        )


class LateFirst:
    """A list in the urgent order (overdue first, then by resolution due date), read as two queries that
    indexes serve in order — the overdue ones, then the others — so a page costs the same however many
    consultations are open, where sorting on a computed "late" key sorts every one of them.

    Sliceable, as a Paginator needs, with the ``queryset`` it counts; the overdue ones are counted only
    for a page past them.
    """

    def __init__(self, queryset: QuerySet, today: datetime.date, rows=lambda queryset: queryset):
        due_order = (F("resolution_due").asc(nulls_last=True), "pk")
        self.late = rows(queryset.filter(overdue_q(today)).order_by(*due_order))
        self.others = rows(queryset.exclude(overdue_q(today)).order_by(*due_order))
        self.queryset = queryset.order_by()

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        rows = list(self.late[start:stop])
        if len(rows) == stop - start:
            return rows
        # The overdue ones end within (or before) this page: the others follow them.
        late_total = start + len(rows) if rows or not start else self.late.count()
        return rows + list(self.others[max(0, start - late_total) : stop - late_total])
