"""The queue's FilterSet on its own: defaults, invalid values, ordering, scope."""

import datetime

import pytest
from django.http import QueryDict
from django.utils import timezone

from consultations import policy
from consultations.filters import QueueFilter
from consultations.models import Consultation, Status
from portal.models import Role
from tests.factories import MunicipalityFactory, consultation, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def work():
    staff = member(Role.STAFF, MunicipalityFactory(name="香芝市", kana="かしばし"))
    advisor = member(Role.ADVISOR)
    today = timezone.localdate()
    made = {
        "due_later": consultation(staff, title="期限に余裕", category="cloud"),
        "late": consultation(staff, title="期限超過", category="security"),
        "due_soon": consultation(staff, title="期限が近い", category="cloud"),
        "closed": consultation(staff, title="完了", category="cloud"),
    }
    Consultation.objects.filter(pk=made["due_later"].pk).update(resolution_due=today + datetime.timedelta(30))
    Consultation.objects.filter(pk=made["late"].pk).update(resolution_due=today - datetime.timedelta(3))
    Consultation.objects.filter(pk=made["due_soon"].pk).update(resolution_due=today + datetime.timedelta(2))
    Consultation.objects.filter(pk=made["closed"].pk).update(status=Status.CLOSED)
    return {"staff": staff, "advisor": advisor, "today": today}


def titles(user, query, *, today, for_advisor=True):
    queue_filter = QueueFilter(
        QueryDict(query) if query is not None else None,
        policy.consultations_for(user),
        user=user,
        today=today,
        for_advisor=for_advisor,
    )
    return [c.title for c in queue_filter.qs]


def test_without_a_query_the_queue_shows_open_work_late_first_then_by_due_date(work):
    assert titles(work["advisor"], None, today=work["today"]) == ["期限超過", "期限が近い", "期限に余裕"]


def test_a_page_number_alone_keeps_the_defaults(work):
    assert titles(work["advisor"], "page=2", today=work["today"]) == ["期限超過", "期限が近い", "期限に余裕"]


def test_the_form_shows_the_defaults_as_chosen(work):
    form = QueueFilter(
        None, Consultation.objects.all(), user=work["advisor"], today=work["today"], for_advisor=True
    ).form
    assert form["status"].value() == "open" and form["sort"].value() == "urgent"


def test_an_empty_status_shows_every_status(work):
    assert "完了" in titles(work["advisor"], "status=", today=work["today"])


def test_a_query_with_an_invalid_value_falls_back_to_the_defaults(work):
    found = titles(work["advisor"], "status=no-such-status&category=cloud", today=work["today"])
    assert found == ["期限超過", "期限が近い", "期限に余裕"]


def test_an_unknown_advisor_id_falls_back_to_the_defaults_rather_than_failing(work):
    assert titles(work["advisor"], "assignee=999999", today=work["today"]) == [
        "期限超過",
        "期限が近い",
        "期限に余裕",
    ]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("-created", ["完了", "期限が近い", "期限超過", "期限に余裕"]),
        ("created", ["期限に余裕", "期限超過", "期限が近い", "完了"]),
        ("reference", ["期限に余裕", "期限超過", "期限が近い", "完了"]),
    ],
)
def test_the_chosen_order_is_applied(work, sort, expected):
    assert titles(work["advisor"], f"status=&sort={sort}", today=work["today"]) == expected


def test_overdue_only_and_category_narrow_the_list(work):
    assert titles(work["advisor"], "status=&overdue=on", today=work["today"]) == ["期限超過"]
    assert titles(work["advisor"], "status=open&category=cloud", today=work["today"]) == [
        "期限が近い",
        "期限に余裕",
    ]


def test_me_is_offered_to_advisors_only_and_staff_have_no_municipality_filter(work):
    def form(for_advisor):
        return QueueFilter(
            None,
            Consultation.objects.all(),
            user=work["advisor"],
            today=work["today"],
            for_advisor=for_advisor,
        ).form

    assert "me" in [value for value, _label in form(True).fields["assignee"].choices]
    assert "municipality" in form(True).fields
    assert "me" not in [value for value, _label in form(False).fields["assignee"].choices]
    assert "municipality" not in form(False).fields


def test_the_filter_never_widens_the_scope_it_is_given(work):
    outsider = member(Role.STAFF, MunicipalityFactory(name="河合町", kana="かわいちょう"))
    assert titles(outsider, "status=", today=work["today"], for_advisor=False) == []


def test_counts_beside_the_list_ignore_the_status_filter_only(work):
    queue_filter = QueueFilter(
        QueryDict("status=closed&category=cloud"),
        policy.consultations_for(work["advisor"]),
        user=work["advisor"],
        today=work["today"],
        for_advisor=True,
    )
    assert [c.title for c in queue_filter.qs] == ["完了"]
    assert {c.title for c in queue_filter.qs_without("status")} == {"期限に余裕", "期限が近い", "完了"}


@pytest.mark.parametrize("query", [None, "status=&sort=urgent", "status=open&category=cloud"])
def test_the_urgent_order_read_in_two_parts_pages_exactly_as_the_sorted_list(work, query):
    staff, today = work["staff"], work["today"]
    for days in (-9, -4, -1, 0, 1, 5, 12, None, -2, 3):
        c = consultation(staff, title=f"期限{days}", category="cloud")
        Consultation.objects.filter(pk=c.pk).update(
            resolution_due=None if days is None else today + datetime.timedelta(days)
        )
    first_answer_late = consultation(staff, title="初回回答が遅れている")
    Consultation.objects.filter(pk=first_answer_late.pk).update(
        first_response_due=today - datetime.timedelta(1), resolution_due=today + datetime.timedelta(20)
    )
    queue_filter = QueueFilter(
        QueryDict(query) if query else None,
        policy.consultations_for(work["advisor"]),
        user=work["advisor"],
        today=today,
        for_advisor=True,
    )
    sorted_list = [c.pk for c in queue_filter.qs]
    listing = queue_filter.listing()

    for size in (1, 3, 4, 25):
        pages = [[c.pk for c in listing[start : start + size]] for start in range(0, len(sorted_list), size)]
        assert [pk for page in pages for pk in page] == sorted_list
    assert listing.queryset.count() == len(sorted_list)
