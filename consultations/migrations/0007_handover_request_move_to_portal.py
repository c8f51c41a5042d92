"""Hand-over requests move to the kernel (portal), keeping their ids: links to them in old notices still
reach them (through the old addresses' redirects)."""

from django.core.management.color import no_style
from django.db import migrations

FIELDS = [
    "id",
    "leaver_membership_id",
    "successor_id",
    "requested_by_id",
    "note",
    "state",
    "created_at",
    "decided_by_id",
    "decided_at",
    "decision_note",
    "moved_count",
]


def copy_to_portal(apps, schema_editor):
    OldHandoverRequest = apps.get_model("consultations", "HandoverRequest")
    HandoverRequest = apps.get_model("portal", "HandoverRequest")
    HandoverRequest.objects.bulk_create(
        (
            HandoverRequest(**{name: getattr(old, name) for name in FIELDS})
            for old in OldHandoverRequest.objects.order_by("pk").iterator()
        ),
        batch_size=1000,
    )
    # The ids were given, not drawn: the next request must be numbered after them.
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [HandoverRequest]):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0006_notifications_delete_old"),
        ("portal", "0011_handover_request"),
    ]

    operations = [
        # Going back leaves the copies in portal: the old table comes back empty.
        migrations.RunPython(copy_to_portal, migrations.RunPython.noop),
    ]
