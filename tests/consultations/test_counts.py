"""The kept counts of consultations (per status, per month and category, per due date of the running ones,
the ratings, each municipality's latest filing) agree with the table after every service that changes
them, roll back with them, and are rebuilt after a bulk load."""

import datetime
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from consultations import counts, services
from consultations.models import Category, Consultation, DueCount, RatingCount, Status
from consultations.selectors import overdue_q
from portal import handover as handovers
from portal.models import Role
from tests.factories import MunicipalityFactory, consultation, member, resolved_consultation

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
AGREE = {"statuses": 0, "months": 0, "due": 0, "ratings": 0, "latest": 0}


def test_a_filed_consultation_is_counted_overall_and_for_each_municipality_that_owns_it():
    filer, partner, other = MunicipalityFactory(), MunicipalityFactory(), MunicipalityFactory()
    consultation(member(Role.STAFF, filer), joint=[partner], category=Category.CLOUD)

    assert counts.by_status() == {Status.NEW: 1}
    assert counts.by_status(filer.pk) == counts.by_status(partner.pk) == {Status.NEW: 1}
    assert counts.by_status(other.pk) == {}
    month = counts.month_of(Consultation.objects.get().created_at)
    assert counts.by_month_and_category(month) == [{"month": month, "category": "cloud", "n": 1}]
    assert counts.by_municipality(month) == {filer.pk: 1, partner.pk: 1}
    assert counts.drift() == AGREE


def test_every_transition_moves_one_count_and_the_counts_stay_equal_to_the_table():
    town = MunicipalityFactory()
    staff, advisor = member(Role.STAFF, town), member(Role.ADVISOR)
    first, second, third = (consultation(staff) for _ in range(3))
    services.consultation_assign(consultation_id=first.pk, actor=advisor, assignee=advisor)
    services.consultation_transition(consultation_id=first.pk, actor=advisor, to=Status.WAITING)
    services.message_post(consultation_id=first.pk, actor=staff, body="資料です")  # back to 対応中
    services.consultation_transition(consultation_id=first.pk, actor=advisor, to=Status.RESOLVED)
    services.consultation_transition(consultation_id=second.pk, actor=staff, to=Status.WITHDRAWN)

    assert counts.by_status() == {Status.NEW: 1, Status.RESOLVED: 1, Status.WITHDRAWN: 1}
    assert counts.by_status(town.pk) == counts.by_status()
    assert Consultation.objects.get(pk=third.pk).status == Status.NEW
    assert counts.drift() == AGREE


def test_a_filing_or_a_transition_that_rolls_back_leaves_the_counts_as_they_were():
    staff, advisor = member(Role.STAFF), member(Role.ADVISOR)
    kept = consultation(staff)
    with pytest.raises(RuntimeError), transaction.atomic():
        consultation(staff)
        services.consultation_assign(consultation_id=kept.pk, actor=advisor, assignee=advisor)
        raise RuntimeError("the request failed after the writes")

    assert counts.by_status() == {Status.NEW: 1}
    assert counts.drift() == AGREE


def test_a_month_is_the_local_month_a_consultation_was_filed_in():
    consultation()
    # 2026-04-01 00:30 in Tokyo is still March in UTC: the desk counts it in April.
    Consultation.objects.update(created_at=datetime.datetime(2026, 4, 1, 0, 30, tzinfo=TOKYO))
    counts.recount()

    assert [row["month"] for row in counts.by_month_and_category(datetime.date(2026, 3, 1))] == [
        datetime.date(2026, 4, 1)
    ]
    assert counts.month_of(datetime.datetime(2026, 4, 1, 0, 30, tzinfo=TOKYO)) == datetime.date(2026, 4, 1)


def test_the_command_finds_counts_a_bulk_write_left_behind_and_rebuild_puts_them_right(capsys):
    c = consultation(joint=[MunicipalityFactory()])
    Consultation.objects.filter(pk=c.pk).update(status=Status.CLOSED)  # bypasses the services

    with pytest.raises(CommandError, match="--rebuild"):
        call_command("consultation_counts")
    call_command("consultation_counts", "--rebuild")

    assert "statuses 0, months 0, due 0, ratings 0, latest 0" in capsys.readouterr().out
    assert counts.by_status() == {Status.CLOSED: 1}


def overdue_in_the_table(day: datetime.date) -> int:
    return Consultation.objects.filter(overdue_q(day)).count()


def test_the_overdue_figure_follows_each_answer_pause_resumption_and_resolution_on_any_day():
    staff, advisor = member(Role.STAFF), member(Role.ADVISOR)
    late = consultation(staff)
    consultation(staff)
    filed = Consultation.objects.get(pk=late.pk)
    first_due, resolution_due = filed.first_response_due, filed.resolution_due
    day_after = datetime.timedelta(days=1)

    def agree_on_every_day_around_the_due_dates():
        days = [first_due, first_due + day_after, resolution_due, resolution_due + day_after]
        days.append(Consultation.objects.get(pk=late.pk).resolution_due + day_after)
        for day in days:
            assert counts.overdue(today=day) == overdue_in_the_table(day), day
        assert counts.drift() == AGREE

    assert (counts.overdue(today=first_due), counts.overdue(today=first_due + day_after)) == (0, 2)
    agree_on_every_day_around_the_due_dates()
    services.message_post(consultation_id=late.pk, actor=advisor, body="確認します。")  # the first answer
    assert counts.overdue(today=first_due + day_after) == 1
    agree_on_every_day_around_the_due_dates()
    services.consultation_transition(consultation_id=late.pk, actor=advisor, to=Status.IN_PROGRESS)
    agree_on_every_day_around_the_due_dates()
    services.consultation_transition(consultation_id=late.pk, actor=advisor, to=Status.WAITING)
    assert counts.overdue(today=resolution_due + datetime.timedelta(days=400)) == 1  # the other one
    agree_on_every_day_around_the_due_dates()
    services.message_post(consultation_id=late.pk, actor=staff, body="資料です")  # back to 対応中
    agree_on_every_day_around_the_due_dates()
    services.consultation_transition(consultation_id=late.pk, actor=advisor, to=Status.RESOLVED)
    assert counts.overdue(today=resolution_due + datetime.timedelta(days=400)) == 1
    agree_on_every_day_around_the_due_dates()


def test_ratings_are_kept_and_a_requester_who_rates_again_moves_their_rating():
    staff, advisor = member(Role.STAFF), member(Role.ADVISOR)
    first, second = consultation(staff), consultation(staff)
    for c in (first, second):
        for to in (Status.IN_PROGRESS, Status.RESOLVED):
            services.consultation_transition(consultation_id=c.pk, actor=advisor, to=to)
    services.consultation_rate(consultation_id=first.pk, actor=staff, score=5, solved="yes", went_ahead="yes")
    services.consultation_rate(consultation_id=second.pk, actor=staff, score=4, solved="yes", went_ahead="no")
    services.consultation_rate(consultation_id=first.pk, actor=staff, score=2, solved="no", went_ahead="na")

    assert counts.ratings() == {"count": 2, "average": 3.0, "solved": 1, "went_ahead": 0}
    assert counts.drift() == AGREE


def test_no_rating_yet_is_no_average():
    assert counts.ratings() == {"count": 0, "average": None, "solved": 0, "went_ahead": 0}


def test_each_owning_municipality_keeps_the_moment_of_its_latest_filing():
    filer, partner, other = MunicipalityFactory(), MunicipalityFactory(), MunicipalityFactory()
    consultation(member(Role.STAFF, partner))
    latest = consultation(member(Role.STAFF, filer), joint=[partner])

    assert counts.latest_filing() == {filer.pk: latest.created_at, partner.pk: latest.created_at}
    assert other.pk not in counts.latest_filing()
    assert counts.drift() == AGREE


def test_a_bulk_write_to_due_dates_is_found_and_rebuilt():
    c = consultation()
    Consultation.objects.filter(pk=c.pk).update(resolution_due=datetime.date(2000, 1, 4))  # bypasses them

    assert counts.drift()["due"] > 0
    counts.recount()

    assert counts.drift() == AGREE
    day = datetime.date(2000, 1, 5)
    assert counts.overdue(today=day) == 1 == overdue_in_the_table(day)


def test_a_running_consultation_whose_next_due_date_was_cleared_behind_the_services_is_drift():
    c = consultation()
    Consultation.objects.filter(pk=c.pk).update(next_due=None)

    assert counts.drift()["due"] == 1


def test_a_negative_kept_count_is_drift_not_a_silent_minus_in_the_figures():
    DueCount.objects.create(due=datetime.date(2000, 1, 4), n=-1)
    RatingCount.objects.create(score=3, solved="yes", went_ahead="yes", n=-1)

    assert (counts.drift()["due"], counts.drift()["ratings"]) == (1, 1)


def test_a_reopening_moves_the_due_date_by_the_days_spent_resolved_and_its_count_with_it():
    staff, advisor = member(Role.STAFF), member(Role.ADVISOR)
    c = consultation(staff)
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    # Answered: its next due date is the resolution's, which the reopening moves.
    services.message_post(consultation_id=c.pk, actor=advisor, body="確認します。")
    services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    c.refresh_from_db()
    resolved_on = timezone.localdate() - datetime.timedelta(days=10)
    Consultation.objects.filter(pk=c.pk).update(waiting_since=resolved_on)  # resolved ten days ago
    assert counts.drift() == AGREE  # a resolved consultation has no next due date to keep

    services.consultation_transition(consultation_id=c.pk, actor=staff, to=Status.IN_PROGRESS)

    reopened = Consultation.objects.get(pk=c.pk)
    assert reopened.resolution_due > c.resolution_due
    assert reopened.next_due == reopened.resolution_due
    for day in (
        c.resolution_due,
        reopened.resolution_due,
        reopened.resolution_due + datetime.timedelta(days=1),
    ):
        assert counts.overdue(today=day) == overdue_in_the_table(day), day
    assert counts.drift() == AGREE


def test_the_daily_auto_close_moves_the_status_counts():
    town = MunicipalityFactory()
    staff, advisor = member(Role.STAFF, town), member(Role.ADVISOR)
    c = resolved_consultation(staff, advisor)
    Consultation.objects.filter(pk=c.pk).update(resolved_at=timezone.now() - datetime.timedelta(days=15))

    assert services.consultation_auto_close() == [c.reference]

    assert counts.by_status() == counts.by_status(town.pk) == {Status.CLOSED: 1}
    assert counts.drift() == AGREE


def test_a_confirmed_hand_over_leaves_the_counts_equal_to_the_table():
    town = MunicipalityFactory()
    leaver, successor, advisor = member(Role.STAFF, town), member(Role.STAFF, town), member(Role.ADVISOR)
    consultation(leaver)
    resolved_consultation(leaver, advisor)
    handover = handovers.handover_request(
        actor=advisor, leaver_membership_id=leaver.current_membership.pk, successor=successor, note="異動"
    )

    handovers.handover_confirm(handover_id=handover.pk, actor=advisor)

    assert set(Consultation.objects.values_list("requester", flat=True)) == {successor.pk}
    assert counts.by_status(town.pk) == {Status.NEW: 1, Status.RESOLVED: 1}
    assert counts.drift() == AGREE
