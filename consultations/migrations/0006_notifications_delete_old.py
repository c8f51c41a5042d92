from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_notifications_move_to_portal"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="notificationoptout",
            name="user",
        ),
        migrations.DeleteModel(
            name="Notification",
        ),
        migrations.DeleteModel(
            name="NotificationOptOut",
        ),
    ]
