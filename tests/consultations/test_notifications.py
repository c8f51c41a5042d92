"""Notices in the app and by e-mail, sent by background tasks, once, to the right people only."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Consultation, Notification, NotificationKind, NotificationOptOut, Status
from consultations.tasks import daily_sweep, notify
from portal.models import Role
from tests.consultations.conftest import log_in
from tests.factories import consultation, member, run_tasks

pytestmark = pytest.mark.django_db


def test_a_new_consultation_reaches_advisors_after_commit_not_in_the_request(client):
    advisor = member(Role.ADVISOR)
    staff = member(Role.STAFF)
    log_in(client, staff)
    client.post(
        reverse("consultations:new"),
        {"title": "BCPの相談", "body": "庁舎被災時の対応", "category": "bcp", "priority": "urgent"},
    )
    assert mail.outbox == []  # nothing is sent inside the request
    run_tasks()
    assert [m.to for m in mail.outbox] == [[advisor.email]]
    assert "新しい相談" in mail.outbox[0].subject and "BCPの相談" in mail.outbox[0].subject
    assert Notification.objects.filter(recipient=advisor, kind=NotificationKind.NEW_CONSULTATION).count() == 1
    assert not Notification.objects.filter(recipient=staff).exists()


def test_assignment_replies_and_status_changes_notify_the_other_side():
    staff = member(Role.STAFF)
    lead, colleague = member(Role.ADVISOR), member(Role.ADVISOR)
    c = consultation(staff)
    services.consultation_assign(consultation_id=c.pk, actor=lead, assignee=colleague)
    services.message_post(consultation_id=c.pk, actor=colleague, body="回答です")
    services.consultation_transition(consultation_id=c.pk, actor=colleague, to=Status.RESOLVED)
    run_tasks()
    kinds = lambda user: sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))  # noqa: E731
    assert kinds(colleague) == ["assigned", "new"]  # not about what they did themselves
    assert kinds(staff) == ["reply", "status"]


def test_a_user_who_turned_a_kind_off_gets_neither_notice_nor_mail():
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    NotificationOptOut.objects.create(user=staff, kind=NotificationKind.REPLY)
    c = consultation(staff)
    services.message_post(consultation_id=c.pk, actor=advisor, body="回答です")
    mail.outbox.clear()
    run_tasks()
    assert not Notification.objects.filter(recipient=staff, kind=NotificationKind.REPLY).exists()
    assert not any(staff.email in m.to for m in mail.outbox)


def test_a_repeated_task_notifies_once():
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    c = consultation(staff)
    run_tasks()
    mail.outbox.clear()
    for _ in range(2):
        notify.call(kind=NotificationKind.NEW_CONSULTATION, key=f"new:{c.pk}", consultation_id=c.pk)
    assert Notification.objects.filter(recipient=advisor).count() == 1
    assert mail.outbox == []  # already mailed by the first run


def test_the_unread_count_shows_in_the_menu_and_reading_the_consultation_clears_it(client):
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    c = consultation(staff)
    services.message_post(consultation_id=c.pk, actor=advisor, body="回答です")
    run_tasks()
    log_in(client, staff)
    assert "通知（未読 1 件）" in client.get(reverse("consultations:queue")).content.decode()
    client.get(reverse("consultations:detail", args=[c.reference]))
    assert "通知（未読" not in client.get(reverse("consultations:queue")).content.decode()


def test_the_daily_sweep_reminds_assignees_and_closes_long_resolved_consultations():
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    due = consultation(staff)
    services.consultation_assign(consultation_id=due.pk, actor=advisor, assignee=advisor)
    done = consultation(staff)
    services.consultation_assign(consultation_id=done.pk, actor=advisor, assignee=advisor)
    services.consultation_transition(consultation_id=done.pk, actor=advisor, to=Status.RESOLVED)
    Consultation.objects.filter(pk=done.pk).update(resolved_at=timezone.now() - datetime.timedelta(days=20))
    run_tasks()
    day = Consultation.objects.get(pk=due.pk).first_response_due
    daily_sweep.enqueue(today=day.isoformat())
    run_tasks()
    assert Notification.objects.filter(recipient=advisor, kind=NotificationKind.DUE_SOON).count() == 1
    assert Consultation.objects.get(pk=done.pk).status == Status.CLOSED
