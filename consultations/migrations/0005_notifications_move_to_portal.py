"""Notices and opt-outs move to the kernel (portal): each notice now points at its consultation
generically (content type + id) instead of by a foreign key."""

from django.db import migrations


def copy_to_portal(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    OldNotification = apps.get_model("consultations", "Notification")
    OldOptOut = apps.get_model("consultations", "NotificationOptOut")
    Notification = apps.get_model("portal", "Notification")
    NotificationOptOut = apps.get_model("portal", "NotificationOptOut")
    consultation_type, _created = ContentType.objects.get_or_create(
        app_label="consultations", model="consultation"
    )
    Notification.objects.bulk_create(
        (
            Notification(
                recipient_id=old.recipient_id,
                kind=old.kind,
                key=old.key,
                content_type=consultation_type if old.consultation_id else None,
                object_id=old.consultation_id,
                params=old.params,
                text=old.text,
                url=old.url,
                created_at=old.created_at,
                read_at=old.read_at,
                emailed_at=old.emailed_at,
            )
            for old in OldNotification.objects.order_by("pk").iterator()
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )
    NotificationOptOut.objects.bulk_create(
        (NotificationOptOut(user_id=old.user_id, kind=old.kind) for old in OldOptOut.objects.iterator()),
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0004_notification_params"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0010_notifications"),
    ]

    operations = [
        # Going back leaves the copies in portal: the old tables come back empty.
        migrations.RunPython(copy_to_portal, migrations.RunPython.noop),
    ]
