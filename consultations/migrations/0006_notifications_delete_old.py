from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_notifications_move_to_portal"),
    ]

    operations = [
        migrations.DeleteModel(
            name="Notification",
        ),
        migrations.DeleteModel(
            name="NotificationOptOut",
        ),
    ]
