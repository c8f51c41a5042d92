"""The kernel's notices: kinds the apps register, delivery once per recipient, opt-outs, the 通知 page."""

import datetime
import importlib

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone

from portal import access, notification_kinds, notifications
from portal.forms import NotificationPreferencesForm
from portal.models import Membership, Notification, NotificationOptOut, Role
from tests.factories import consultation, member

pytestmark = pytest.mark.django_db


def deliver_due_soon(recipients, key="due:1"):
    return notifications.deliver(
        kind="due_soon", key=key, recipients=recipients, params={"ref": "C-2026-00001"}, url="/x/"
    )


def test_a_kind_registered_twice_is_refused():
    kind = notification_kinds.get("due_soon")
    with pytest.raises(ImproperlyConfigured, match="due_soon"):
        notification_kinds.register(kind)
    assert notification_kinds.get("due_soon") is kind


def test_two_kinds_of_the_same_name_in_one_call_are_refused_and_none_is_registered():
    kind = notification_kinds.NotificationKind(slug="test-twice", label="x", message=lambda params: "x")
    with pytest.raises(ImproperlyConfigured, match="test-twice"):
        notification_kinds.register(kind, kind)
    assert notification_kinds.get("test-twice") is None


def test_an_unregistered_kind_is_not_valid_on_a_notice():
    notice = Notification(recipient=member(Role.STAFF), kind="nonsense", key="k")
    with pytest.raises(Exception, match="登録されていない通知の種類"):
        notice.full_clean()


def test_a_notice_is_stored_and_mailed_once_however_often_it_is_delivered():
    staff = member(Role.STAFF)
    assert deliver_due_soon([staff]) == 1
    assert deliver_due_soon([staff]) == 0
    assert Notification.objects.filter(recipient=staff).count() == 1
    assert [m.to for m in mail.outbox] == [[staff.email]]
    assert "相談 C-2026-00001 の期限が近づいています。" in mail.outbox[0].subject


def test_a_muted_kind_and_an_inactive_user_get_nothing_but_a_kind_that_cannot_be_muted_still_arrives():
    muted, inactive, leaver = member(Role.STAFF), member(Role.STAFF), member(Role.STAFF)
    NotificationOptOut.objects.create(user=muted, kind="due_soon")
    NotificationOptOut.objects.create(user=leaver, kind="handover")
    type(inactive).objects.filter(pk=inactive.pk).update(is_active=False)
    inactive.refresh_from_db()
    assert deliver_due_soon([muted, inactive]) == 0
    assert not Notification.objects.exists()
    notifications.deliver(kind="handover", key="handover:1:requested", recipients=[leaver], params={})
    assert Notification.objects.filter(recipient=leaver, kind="handover").exists()


def test_one_failed_mail_is_raised_after_everyone_else_was_served_and_a_retry_mails_only_them():
    broken, fine = member(Role.STAFF), member(Role.STAFF)
    type(broken).objects.filter(pk=broken.pk).update(email="broken\n@example.jp")
    broken.refresh_from_db()
    with pytest.raises(notifications.NotificationMailFailed):
        deliver_due_soon([broken, fine])
    assert Notification.objects.filter(recipient__in=[broken, fine]).count() == 2
    assert [m.to for m in mail.outbox] == [[fine.email]]
    broken.email = "fixed@example.jp"
    mail.outbox.clear()
    assert deliver_due_soon([broken, fine]) == 1
    assert [m.to for m in mail.outbox] == [["fixed@example.jp"]]


def test_the_preferences_form_offers_every_registered_kind_that_may_be_turned_off_and_no_other():
    offered = [slug for slug, _label in NotificationPreferencesForm().fields["enabled"].choices]
    assert offered == [kind.slug for kind in notification_kinds.registered() if kind.mutable]
    assert "reply" in offered and "handover" not in offered


def test_turning_a_kind_off_on_the_page_keeps_it_off_and_the_others_on(client):
    staff = member(Role.STAFF)
    client.force_login(staff)
    offered = [slug for slug, _label in NotificationPreferencesForm().fields["enabled"].choices]
    response = client.post(reverse("notification_list"), {"enabled": [s for s in offered if s != "reply"]})
    assert response.status_code == 302
    assert set(NotificationOptOut.objects.filter(user=staff).values_list("kind", flat=True)) == {"reply"}


def test_mark_all_read_clears_the_unread_badge(client):
    staff = member(Role.STAFF)
    deliver_due_soon([staff])
    client.force_login(staff)
    assert "通知（未読 1 件）" in client.get(reverse("notification_list")).content.decode()
    client.post(reverse("notification_list"), {"action": "read_all"})
    assert "通知（未読" not in client.get(reverse("notification_list")).content.decode()
    assert not access.notifications_for(staff).filter(read_at__isnull=True).exists()


def test_the_unread_badge_of_someone_who_has_read_everything_costs_one_query(django_assert_num_queries):
    staff = member(Role.STAFF)
    deliver_due_soon([staff])
    Notification.objects.filter(recipient=staff).update(read_at=timezone.now())
    access.role_of(staff)  # the membership is read once per request, by the middleware already

    with django_assert_num_queries(1):
        assert access.unread_notification_count(staff) == 0


def test_the_unread_badge_counts_each_unread_notice_of_every_kind_the_user_has():
    staff = member(Role.STAFF)
    deliver_due_soon([staff], key="due:1")
    deliver_due_soon([staff], key="due:2")
    notifications.deliver(kind="handover", key="handover:1:requested", recipients=[staff], params={})
    deliver_due_soon([staff], key="due:3")
    Notification.objects.filter(recipient=staff, key="due:3").update(read_at=timezone.now())

    assert access.unread_notification_count(staff) == 3


@pytest.mark.parametrize("role", [Role.STAFF, Role.OFFICIAL])
def test_every_active_member_reads_the_notices_page(client, role):
    client.force_login(member(role))
    assert client.get(reverse("notification_list")).status_code == 200


@pytest.mark.parametrize("state", [Membership.State.PENDING, Membership.State.ENDED])
def test_someone_without_an_active_role_gets_404_for_the_notices_page(client, state):
    client.force_login(member(Role.STAFF, state=state))
    assert client.get(reverse("notification_list")).status_code == 404
    assert client.post(reverse("notification_list"), {"action": "read_all"}).status_code == 404


def test_the_notices_page_asks_an_anonymous_visitor_to_log_in(client):
    response = client.get(reverse("notification_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_old_desk_address_answers_308_to_the_new_page_keeping_the_query(client, method):
    client.force_login(member(Role.STAFF))
    response = getattr(client, method)("/consultations/notifications/?page=2")
    assert response.status_code == 308
    assert response["Location"] == "/notifications/?page=2"


def test_a_post_to_the_old_address_followed_marks_everything_read(client):
    staff = member(Role.STAFF)
    deliver_due_soon([staff])
    client.force_login(staff)
    client.post("/consultations/notifications/", {"action": "read_all"}, follow=True)
    assert not Notification.objects.filter(recipient=staff, read_at__isnull=True).exists()


def test_page_two_of_the_notices_is_reachable_and_lists_the_older_ones(client):
    staff = member(Role.STAFF)
    start = timezone.now() - datetime.timedelta(days=1)
    Notification.objects.bulk_create(
        Notification(
            recipient=staff,
            kind="due_soon",
            key=f"due:{n}",
            params={"ref": f"C-2026-{n:05d}"},
            created_at=start + datetime.timedelta(minutes=n),
        )
        for n in range(1, 36)
    )
    client.force_login(staff)
    first = client.get(reverse("notification_list")).content.decode()
    assert "C-2026-00035" in first and "C-2026-00005" not in first
    assert 'href="?page=2"' in first
    second = client.get(reverse("notification_list") + "?page=2").content.decode()
    assert "C-2026-00005" in second and "C-2026-00035" not in second


def test_the_data_migration_copies_notices_and_opt_outs_pointing_at_their_consultation():
    """Run the copy of consultations' migration 0005 over the old tables, made as they were."""
    migration = importlib.import_module("consultations.migrations.0005_notifications_move_to_portal")
    state = MigrationLoader(connection).project_state(("consultations", "0005_notifications_move_to_portal"))
    apps = state.apps
    old_notification = apps.get_model("consultations", "Notification")
    old_opt_out = apps.get_model("consultations", "NotificationOptOut")
    staff = member(Role.STAFF)
    c = consultation(staff)
    Notification.objects.all().delete()
    with connection.schema_editor() as editor:
        editor.create_model(old_notification)
        editor.create_model(old_opt_out)
        read_at = timezone.now()
        old_notification.objects.create(
            recipient_id=staff.pk, kind="reply", key="message:1", consultation_id=c.pk, params={"ref": "R"}
        )
        old_notification.objects.create(
            recipient_id=staff.pk, kind="due_soon", key="old:1", text="古い通知", read_at=read_at
        )
        old_opt_out.objects.create(user_id=staff.pk, kind="visit")
        migration.copy_to_portal(apps, editor)
    about, plain = Notification.objects.order_by("key")
    assert (about.kind, about.target, about.params) == ("reply", c, {"ref": "R"})
    assert (plain.target, plain.message, plain.read_at) == (None, "古い通知", read_at)
    assert list(NotificationOptOut.objects.values_list("user", "kind")) == [(staff.pk, "visit")]
    assert set(access.notifications_for(staff)) == {about, plain}
