from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0007_handover_request_move_to_portal"),
    ]

    operations = [
        migrations.DeleteModel(
            name="HandoverRequest",
        ),
    ]
