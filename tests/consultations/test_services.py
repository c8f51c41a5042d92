"""The desk's rules, as the services enforce them: numbering, workflow, history, conflicts, handover."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations import services
from consultations.models import Consultation, Event, Message, MessageRevision, Status
from portal import handover as handovers
from portal.models import Membership, Role
from tests.factories import MunicipalityFactory, consultation, member, resolved_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    return MunicipalityFactory(name="香芝市", kana="かしばし")


@pytest.fixture
def staff(town):
    return member(Role.STAFF, town)


@pytest.fixture
def advisor():
    return member(Role.ADVISOR)


def test_reference_numbers_count_per_fiscal_year(staff):
    first, second = consultation(staff), consultation(staff)
    year = first.fiscal_year
    assert (first.reference, second.reference) == (f"C-{year}-00001", f"C-{year}-00002")


def test_fiscal_year_starts_in_april():
    from consultations.models import fiscal_year_of

    assert fiscal_year_of(datetime.date(2027, 3, 31)) == 2026
    assert fiscal_year_of(datetime.date(2027, 4, 1)) == 2027


def test_filing_sanitises_the_body_records_history_and_sets_due_dates(staff):
    c = consultation(staff, body='<p onclick="x()">相談<script>alert(1)</script></p>')
    assert c.body == "<p>相談</p>"
    assert c.status == Status.NEW
    assert list(c.events.values_list("kind", "to_status")) == [(Event.Kind.FILED, Status.NEW)]
    assert c.first_response_due is not None and c.resolution_due >= c.first_response_due
    assert DBTaskResult.objects.filter(task_path__endswith="notify").count() == 1  # enqueued with the data


def test_joint_consultation_belongs_to_every_owner(staff, town):
    partner = MunicipalityFactory()
    c = consultation(staff, joint=[partner])
    assert set(c.municipalities.all()) == {town, partner}


def test_only_staff_file_consultations(advisor):
    with pytest.raises(PermissionDenied):
        consultation(advisor)


def test_assignment_moves_a_new_consultation_to_in_progress_with_history(staff, advisor):
    c = consultation(staff)
    c = services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    assert (c.status, c.assignee) == (Status.IN_PROGRESS, advisor)
    assert advisor in c.followers.all()
    assert list(c.events.values_list("kind", flat=True)) == ["filed", "assigned", "status"]


def test_the_full_workflow_writes_one_history_line_per_transition(staff, advisor):
    c = consultation(staff)
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    services.consultation_transition(
        consultation_id=c.pk, actor=advisor, to=Status.WAITING, note="資料をください"
    )
    services.message_post(consultation_id=c.pk, actor=staff, body="資料です")  # back to 対応中
    services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    services.consultation_transition(consultation_id=c.pk, actor=staff, to=Status.CLOSED)
    c.refresh_from_db()
    assert c.status == Status.CLOSED and c.closed_at is not None
    moves = list(c.events.filter(kind="status").values_list("from_status", "to_status", "actor"))
    assert moves == [
        ("new", "in_progress", advisor.pk),
        ("in_progress", "waiting", advisor.pk),
        ("waiting", "in_progress", staff.pk),
        ("in_progress", "resolved", advisor.pk),
        ("resolved", "closed", staff.pk),
    ]
    assert c.events.get(to_status="waiting").note == "資料をください"


def test_a_transition_the_workflow_does_not_have_is_refused(staff, advisor):
    c = consultation(staff)
    with pytest.raises(services.TransitionNotAllowed):
        services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    assert Consultation.objects.get(pk=c.pk).status == Status.NEW


def test_staff_withdraw_before_resolution_but_advisors_cannot_withdraw(staff, advisor):
    c = consultation(staff)
    with pytest.raises(PermissionDenied):
        services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.WITHDRAWN)
    services.consultation_transition(consultation_id=c.pk, actor=staff, to=Status.WITHDRAWN)
    assert Consultation.objects.get(pk=c.pk).status == Status.WITHDRAWN


def test_advisors_close_directly_only_with_a_reason(staff, advisor):
    c = consultation(staff)
    with pytest.raises(services.TransitionNotAllowed):
        services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.CLOSED)
    services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.CLOSED, note="重複")
    assert Consultation.objects.get(pk=c.pk).status == Status.CLOSED


def test_staff_reopen_within_30_days_of_resolution(staff, advisor):
    c = resolved_consultation(staff, advisor)
    services.consultation_transition(consultation_id=c.pk, actor=staff, to=Status.IN_PROGRESS)
    assert Consultation.objects.get(pk=c.pk).status == Status.IN_PROGRESS


def test_staff_cannot_reopen_after_30_days(staff, advisor):
    c = resolved_consultation(staff, advisor)
    Consultation.objects.filter(pk=c.pk).update(resolved_at=timezone.now() - datetime.timedelta(days=31))
    with pytest.raises(PermissionDenied):
        services.consultation_transition(consultation_id=c.pk, actor=staff, to=Status.IN_PROGRESS)


def test_resolved_consultations_close_automatically_after_14_days(staff, advisor):
    c = resolved_consultation(staff, advisor)
    Consultation.objects.filter(pk=c.pk).update(resolved_at=timezone.now() - datetime.timedelta(days=15))
    fresh = resolved_consultation(staff, advisor)
    assert services.consultation_auto_close() == [c.reference]
    assert Consultation.objects.get(pk=c.pk).status == Status.CLOSED
    assert Consultation.objects.get(pk=fresh.pk).status == Status.RESOLVED
    assert c.events.get(to_status="closed").actor is None


def test_a_stale_form_gets_a_conflict_not_an_overwrite(staff, advisor):
    c = consultation(staff)
    seen_version = c.version
    other = member(Role.ADVISOR)
    services.consultation_assign(consultation_id=c.pk, actor=other, assignee=other)
    with pytest.raises(services.StaleConsultation, match="ほかの人が更新しました"):
        services.consultation_assign(
            consultation_id=c.pk, actor=advisor, assignee=advisor, expected_version=seen_version
        )
    assert Consultation.objects.get(pk=c.pk).assignee == other


def test_the_first_public_advisor_reply_counts_as_the_first_response(staff, advisor):
    c = consultation(staff)
    services.message_post(consultation_id=c.pk, actor=advisor, body="内部の検討", internal=True)
    assert Consultation.objects.get(pk=c.pk).first_response_at is None
    services.message_post(consultation_id=c.pk, actor=advisor, body="回答します")
    assert Consultation.objects.get(pk=c.pk).first_response_at is not None


def test_staff_cannot_write_internal_notes(staff):
    c = consultation(staff)
    with pytest.raises(PermissionDenied):
        services.message_post(consultation_id=c.pk, actor=staff, body="メモ", internal=True)


def test_editing_a_reply_keeps_the_previous_text(staff, advisor):
    c = consultation(staff)
    message = services.message_post(consultation_id=c.pk, actor=advisor, body="初版")
    services.message_edit(message_id=message.pk, actor=advisor, body="改訂版")
    assert Message.objects.get(pk=message.pk).body == "<p>改訂版</p>"
    assert list(MessageRevision.objects.values_list("body", flat=True)) == ["<p>初版</p>"]
    with pytest.raises(PermissionDenied):
        services.message_edit(message_id=message.pk, actor=staff, body="他人の書き込み")


def test_rating_is_for_the_owning_staff_after_resolution(staff, advisor):
    c = consultation(staff)
    with pytest.raises(PermissionDenied):
        services.consultation_rate(consultation_id=c.pk, actor=staff, score=5, solved="yes", went_ahead="yes")
    c = resolved_consultation(staff, advisor)
    rating = services.consultation_rate(
        consultation_id=c.pk, actor=staff, score=4, solved="yes", went_ahead="na"
    )
    assert (rating.score, rating.solved) == (4, "yes")


def test_a_confirmed_handover_moves_open_consultations_and_follows_and_ends_the_leaver(staff, town, advisor):
    colleague = member(Role.STAFF, town)
    successor = member(Role.STAFF, town)
    open_one = consultation(staff)
    done = consultation(staff)
    services.consultation_transition(consultation_id=done.pk, actor=staff, to=Status.WITHDRAWN)
    services.consultation_assign(consultation_id=open_one.pk, actor=advisor, assignee=advisor)
    services.consultation_follow(consultation_id=open_one.pk, actor=advisor)
    open_one.followers.add(staff)
    handover = handovers.handover_request(
        actor=colleague, leaver_membership_id=staff.current_membership.pk, successor=successor
    )
    handover = handovers.handover_confirm(handover_id=handover.pk, actor=advisor)
    assert handover.moved_count == 1
    assert Consultation.objects.get(pk=open_one.pk).requester == successor
    assert Consultation.objects.get(pk=done.pk).requester == staff
    assert set(open_one.followers.all()) == {advisor, successor}
    assert open_one.events.filter(kind="handover", actor=advisor).exists()
    assert Membership.objects.get(user=staff).state == Membership.State.ENDED


def test_handover_is_refused_to_staff_of_another_municipality(staff):
    outsider = member(Role.STAFF)
    with pytest.raises(PermissionDenied):
        handovers.handover_request(
            actor=outsider, leaver_membership_id=staff.current_membership.pk, successor=outsider
        )


def test_a_joint_procurement_partner_replies_but_the_filing_municipality_decides(staff, town):
    partner_town = MunicipalityFactory(name="広陵町", kana="こうりょうちょう")
    partner = member(Role.STAFF, partner_town)
    advisor = member(Role.ADVISOR)
    c = consultation(staff, joint=[partner_town])
    assert c.filing_municipality == town
    services.message_post(consultation_id=c.pk, actor=partner, body="当町も同じ条件で参加します")
    with pytest.raises(PermissionDenied):
        services.consultation_transition(consultation_id=c.pk, actor=partner, to=Status.WITHDRAWN)
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    for to in (Status.CLOSED, Status.IN_PROGRESS):
        with pytest.raises(PermissionDenied):
            services.consultation_transition(consultation_id=c.pk, actor=partner, to=to)
    with pytest.raises(PermissionDenied):
        services.consultation_rate(
            consultation_id=c.pk, actor=partner, score=5, solved="yes", went_ahead="yes"
        )
    services.consultation_transition(consultation_id=c.pk, actor=staff, to=Status.CLOSED)
    assert Consultation.objects.get(pk=c.pk).status == Status.CLOSED
