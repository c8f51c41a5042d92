"""The kept counts of consultations (per status, per month and category) agree with the table after every
service that changes them, roll back with them, and are rebuilt after a bulk load."""

import datetime
import zoneinfo

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from consultations import counts, services
from consultations.models import Category, Consultation, Status
from portal.models import Role
from tests.factories import MunicipalityFactory, consultation, member

pytestmark = pytest.mark.django_db

TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")


def test_a_filed_consultation_is_counted_overall_and_for_each_municipality_that_owns_it():
    filer, partner, other = MunicipalityFactory(), MunicipalityFactory(), MunicipalityFactory()
    consultation(member(Role.STAFF, filer), joint=[partner], category=Category.CLOUD)

    assert counts.by_status() == {Status.NEW: 1}
    assert counts.by_status(filer.pk) == counts.by_status(partner.pk) == {Status.NEW: 1}
    assert counts.by_status(other.pk) == {}
    month = counts.month_of(Consultation.objects.get().created_at)
    assert counts.by_month_and_category(month) == [{"month": month, "category": "cloud", "n": 1}]
    assert counts.by_municipality(month) == {filer.pk: 1, partner.pk: 1}
    assert counts.drift() == {"statuses": 0, "months": 0}


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
    assert counts.drift() == {"statuses": 0, "months": 0}


def test_a_filing_or_a_transition_that_rolls_back_leaves_the_counts_as_they_were():
    staff, advisor = member(Role.STAFF), member(Role.ADVISOR)
    kept = consultation(staff)
    with pytest.raises(RuntimeError), transaction.atomic():
        consultation(staff)
        services.consultation_assign(consultation_id=kept.pk, actor=advisor, assignee=advisor)
        raise RuntimeError("the request failed after the writes")

    assert counts.by_status() == {Status.NEW: 1}
    assert counts.drift() == {"statuses": 0, "months": 0}


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

    assert "0 row(s) disagree; per month: 0 row(s) disagree" in capsys.readouterr().out
    assert counts.by_status() == {Status.CLOSED: 1}
