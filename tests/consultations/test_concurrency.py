"""Real PostgreSQL transactions in real threads: one transition wins, numbers stay unique and gap-free."""

import threading
import time

import pytest
from django.db import connection, transaction

from consultations import counts, services
from consultations.models import Consultation, Status
from portal.models import Role
from tests.factories import MunicipalityFactory, consultation, member

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(functions):
    """Start every function at the same moment in its own thread (and connection); collect outcomes."""
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def runner(index, function):
        try:
            barrier.wait(timeout=30)
            outcomes[index] = ("ok", function())
        except Exception as error:
            outcomes[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_two_concurrent_transitions_on_one_consultation_only_one_succeeds():
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    c = consultation(staff)
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    version = Consultation.objects.get(pk=c.pk).version

    outcomes = run_together(
        [
            lambda: services.consultation_transition(
                consultation_id=c.pk, actor=advisor, to=Status.RESOLVED, expected_version=version
            ),
            lambda: services.consultation_transition(
                consultation_id=c.pk, actor=staff, to=Status.WITHDRAWN, expected_version=version
            ),
        ]
    )
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"]
    error = next(value for kind, value in outcomes if kind == "error")
    assert isinstance(error, services.StaleConsultation)
    winner = next(value for kind, value in outcomes if kind == "ok")
    c.refresh_from_db()
    assert c.status == winner.status
    assert c.events.filter(kind="status", from_status=Status.IN_PROGRESS).count() == 1


def test_reference_numbers_stay_unique_and_gap_free_under_concurrent_filing():
    town = MunicipalityFactory()
    people = [member(Role.STAFF, town) for _ in range(8)]
    outcomes = run_together([lambda person=person: consultation(person).reference for person in people])
    assert all(kind == "ok" for kind, _ in outcomes), outcomes
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for _, reference in outcomes)
    assert numbers == list(range(1, 9))


def _wait_until_a_session_waits_for_a_lock(timeout=30.0):
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("no session came to wait for a lock")


def test_a_bulk_assign_and_a_transition_on_one_of_its_consultations_do_not_deadlock():
    """A transition locks its consultation, then the kept counts. A bulk assign that took the counts for
    its first consultation before locking the next would wait for the transition while holding what the
    transition waits for: PostgreSQL would abort one of them."""
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    first, second = sorted((consultation(staff), consultation(staff)), key=lambda c: c.pk)
    second_locked, bulk_waiting = threading.Event(), threading.Event()

    def transition_on_second():
        # What consultation_transition does, paused between its two steps until the bulk assign waits.
        with transaction.atomic():
            locked = Consultation.objects.select_for_update().get(pk=second.pk)
            second_locked.set()
            bulk_waiting.wait(timeout=30)
            counts.status_changed(locked, Status.NEW, Status.NEW)

    def bulk_assign():
        second_locked.wait(timeout=30)
        return services.consultation_bulk_assign(
            consultation_ids=[first.pk, second.pk], actor=advisor, assignee=advisor
        )

    def watcher():
        second_locked.wait(timeout=30)
        _wait_until_a_session_waits_for_a_lock()
        bulk_waiting.set()

    outcomes = run_together([transition_on_second, bulk_assign, watcher])
    assert [kind for kind, _ in outcomes] == ["ok", "ok", "ok"], outcomes
    assert set(Consultation.objects.values_list("assignee", flat=True)) == {advisor.pk}
    assert not any(counts.drift().values())
