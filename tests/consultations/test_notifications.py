"""Notices in the app and by e-mail, sent by background tasks, once, to the right people only."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from consultations import services
from consultations.models import Consultation, NotificationKind, Status
from consultations.tasks import daily_sweep, notify
from portal import access, notifications
from portal.models import Membership, Notification, NotificationOptOut, Role
from tests.factories import MembershipFactory, MunicipalityFactory, consultation, member, run_tasks

pytestmark = pytest.mark.django_db


def test_a_new_consultation_reaches_advisors_after_commit_not_in_the_request(client, log_in):
    advisor = member(Role.ADVISOR)
    staff = member(Role.STAFF)
    log_in(staff)
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


def test_the_unread_count_shows_in_the_menu_and_reading_the_consultation_clears_it(client, log_in):
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    c = consultation(staff)
    services.message_post(consultation_id=c.pk, actor=advisor, body="回答です")
    run_tasks()
    log_in(staff)
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


def test_the_form_refuses_a_title_with_a_line_break_and_keeps_what_was_typed(client, log_in):
    staff = member(Role.STAFF)
    log_in(staff)
    response = client.post(
        reverse("consultations:new"),
        {
            "title": "BCPの相談\r\nBcc: victim@example.jp",
            "body": "本文",
            "category": "bcp",
            "priority": "urgent",
        },
    )
    assert response.status_code == 200
    assert "件名に改行や制御文字は使えません" in response.content.decode()
    assert "本文" in response.content.decode()
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    "title", ["件名\nBcc: x@example.jp", "件名\r続き", "件名\x00", "件名\x85続き", "件名\u2028続き"]
)
def test_the_service_refuses_a_title_with_control_characters(title):
    with pytest.raises(services.ConsultationError):
        consultation(member(Role.STAFF), title=title)
    assert not Consultation.objects.exists()


def test_a_title_with_a_line_break_already_stored_still_gives_a_one_line_subject_and_every_notice():
    advisor = member(Role.ADVISOR)
    c = consultation(member(Role.STAFF))
    Consultation.objects.filter(pk=c.pk).update(title="古い件名\r\nBcc: victim@example.jp")
    mail.outbox.clear()
    notify.call(kind=NotificationKind.NEW_CONSULTATION, key=f"new:{c.pk}", consultation_id=c.pk)
    assert Notification.objects.filter(recipient=advisor).count() == 1
    [sent] = mail.outbox
    assert "\n" not in sent.subject and "\r" not in sent.subject
    assert "古い件名 Bcc: victim@example.jp" in sent.subject
    assert sent.to == [advisor.email] and sent.bcc == []


def test_one_recipient_whose_mail_fails_costs_nobody_else_their_notice_and_a_retry_mails_only_them():
    broken, fine = member(Role.ADVISOR), member(Role.ADVISOR)
    # An address the mail system refuses (a header with a line break).
    type(broken).objects.filter(pk=broken.pk).update(email="broken\n@example.jp")
    c = consultation(member(Role.STAFF))
    mail.outbox.clear()
    with pytest.raises(Exception, match=f"new:{c.pk}"):
        notify.call(kind=NotificationKind.NEW_CONSULTATION, key=f"new:{c.pk}", consultation_id=c.pk)
    assert Notification.objects.filter(recipient__in=[broken, fine]).count() == 2
    assert [m.to for m in mail.outbox] == [[fine.email]]
    assert Notification.objects.get(recipient=broken).emailed_at is None

    type(broken).objects.filter(pk=broken.pk).update(email="fixed@example.jp")
    mail.outbox.clear()
    assert notify.call(kind=NotificationKind.NEW_CONSULTATION, key=f"new:{c.pk}", consultation_id=c.pk) == 1
    assert [m.to for m in mail.outbox] == [["fixed@example.jp"]]
    assert Notification.objects.filter(recipient__in=[broken, fine], emailed_at__isnull=True).count() == 0


@pytest.mark.parametrize("state", [Membership.State.PENDING, Membership.State.ENDED])
def test_someone_without_an_active_role_gets_404_for_the_notices_page(client, state):
    user = member(Role.STAFF, state=state)
    client.force_login(user)
    assert client.get(reverse("notification_list")).status_code == 404
    assert client.post(reverse("notification_list"), {"action": "read_all"}).status_code == 404


def answered_then_moved_elsewhere():
    """A member of staff notified of an answer to their consultation, who then moves (人事異動) to
    another municipality and no longer sees it: (the member, the consultation)."""
    moved = member(Role.STAFF)
    mine = consultation(moved, title="見えなくなる相談")
    services.message_post(consultation_id=mine.pk, actor=member(Role.ADVISOR), body="回答です")
    run_tasks()
    membership = moved.current_membership
    membership.state = Membership.State.ENDED
    membership.save(update_fields=["state"])
    MembershipFactory(user=moved, role=Role.STAFF, municipality=MunicipalityFactory())
    return moved, mine


def test_notices_about_a_consultation_no_longer_visible_are_neither_listed_nor_counted(client, log_in):
    moved, mine = answered_then_moved_elsewhere()
    assert not access.can(moved, "consultation.view", mine)
    log_in(moved)
    page = client.get(reverse("notification_list")).content.decode()
    assert mine.reference not in page
    assert "通知（未読" not in page
    assert not access.notifications_for(moved).exists()


def test_the_unread_badge_leaves_out_a_notice_about_a_consultation_no_longer_theirs_beside_one_they_see(
    client, log_in
):
    moved, _mine = answered_then_moved_elsewhere()
    notifications.deliver(kind="handover", key="handover:1:requested", recipients=[moved], params={})
    log_in(moved)

    page = client.get(reverse("consultations:queue")).content.decode()

    assert "通知（未読 1 件）" in page


def test_a_status_notice_names_the_status_that_was_set_even_if_it_changed_again_before_the_task_ran():
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    c = consultation(staff)
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    services.consultation_transition(consultation_id=c.pk, actor=staff, to=Status.IN_PROGRESS)  # reopened
    mail.outbox.clear()
    run_tasks()
    to_staff = Notification.objects.get(recipient=staff, kind=NotificationKind.STATUS)
    assert "「解決」" in to_staff.message
    to_advisor = Notification.objects.get(recipient=advisor, kind=NotificationKind.STATUS)
    assert "「対応中」" in to_advisor.message
    assert any("「解決」" in m.subject and m.to == [staff.email] for m in mail.outbox)


def notices_page(log_in, user, language: str) -> str:
    client = log_in(user)
    client.cookies["django_language"] = language
    return client.get(reverse("notification_list")).content.decode()


def test_a_notice_written_while_japanese_is_active_reads_in_english_for_an_english_reader(client, log_in):
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    advisor.last_name, advisor.first_name = "佐藤", "花子"
    advisor.save(update_fields=["last_name", "first_name"])
    c = consultation(staff)
    with translation.override("ja"):
        services.message_post(consultation_id=c.pk, actor=advisor, body="回答です")
        services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
        services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
        run_tasks()
    english = notices_page(log_in, staff, "en")
    assert f"佐藤 花子 posted in consultation {c.reference}." in english
    assert f"Consultation {c.reference} is now “Resolved”." in english
    assert "書き込みました" not in english and "「解決」" not in english
    japanese = notices_page(log_in, staff, "ja")
    assert f"佐藤 花子 さんが相談 {c.reference} に書き込みました。" in japanese
    assert f"相談 {c.reference} の状態が「解決」になりました。" in japanese


def test_a_visit_notice_names_the_municipality_in_the_readers_language(client, log_in):
    from consultations.models import Visit

    kashiba = MunicipalityFactory(name="香芝市", name_en="Kashiba City", kana="かしばし")
    staff = member(Role.STAFF, municipality=kashiba)
    advisor = member(Role.ADVISOR)
    c = consultation(staff)
    visit = Visit.objects.create(consultation=c, municipality=kashiba, requested_by=staff)
    with translation.override("ja"):
        services.visit_schedule(
            visit_id=visit.pk,
            actor=advisor,
            scheduled_on=datetime.date(2026, 12, 10),
            scheduled_time=None,
            place="香芝市役所",
            attendees="",
        )
        run_tasks()
    assert "An on-site visit to Kashiba City has been scheduled." in notices_page(log_in, staff, "en")
    assert "香芝市 への出前相談が予定されました。" in notices_page(log_in, staff, "ja")


def test_a_notice_stored_as_text_before_parameters_existed_still_shows_its_text(client, log_in):
    staff = member(Role.STAFF)
    Notification.objects.create(
        recipient=staff,
        kind=NotificationKind.DUE_SOON,
        key="old:1",
        text="相談 C-2026-00001 の期限が近づいています。",
    )
    assert "相談 C-2026-00001 の期限が近づいています。" in notices_page(log_in, staff, "en")


def test_the_mail_goes_out_in_the_language_the_recipient_last_read_the_portal_in(client, log_in):
    staff = member(Role.STAFF)
    advisor = member(Role.ADVISOR)
    c = consultation(staff)
    notices_page(log_in, staff, "en")
    with translation.override("ja"):
        services.message_post(consultation_id=c.pk, actor=advisor, body="回答です")
        mail.outbox.clear()
        run_tasks()
    [sent] = [m for m in mail.outbox if m.to == [staff.email]]
    assert f"posted in consultation {c.reference}." in sent.subject
    assert "書き込みました" not in sent.body
    notices_page(log_in, staff, "ja")
    services.consultation_assign(consultation_id=c.pk, actor=advisor, assignee=advisor)
    services.consultation_transition(consultation_id=c.pk, actor=advisor, to=Status.RESOLVED)
    mail.outbox.clear()
    run_tasks()
    [sent] = [m for m in mail.outbox if m.to == [staff.email]]
    assert "の状態が「解決」になりました。" in sent.subject


def test_the_notifications_page_links_to_its_next_page_and_page_two_lists_the_older_notices(client, log_in):
    staff = member(Role.STAFF)
    start = timezone.now() - datetime.timedelta(days=1)
    Notification.objects.bulk_create(
        Notification(
            recipient=staff,
            kind=NotificationKind.DUE_SOON,
            key=f"due:{n}",
            params={"ref": f"C-2026-{n:05d}"},
            created_at=start + datetime.timedelta(minutes=n),
        )
        for n in range(1, 36)
    )
    log_in(staff)
    first = client.get(reverse("notification_list")).content.decode()
    assert "C-2026-00035" in first and "C-2026-00005" not in first
    assert 'href="?page=2"' in first
    second = client.get(reverse("notification_list") + "?page=2").content.decode()
    assert "C-2026-00005" in second and "C-2026-00035" not in second
    assert 'href="?page=1"' in second
