import django.db.models.deletion
from django.db import migrations, models


def fill_filing_municipality(apps, schema_editor):
    """The filing municipality of existing consultations: the requester's municipality among the owners."""
    Consultation = apps.get_model("consultations", "Consultation")
    Membership = apps.get_model("portal", "Membership")
    for consultation in Consultation.objects.filter(filing_municipality__isnull=True).iterator():
        owners = set(consultation.municipalities.values_list("pk", flat=True))
        requester_municipalities = Membership.objects.filter(
            user_id=consultation.requester_id, municipality__isnull=False
        ).order_by("-pk").values_list("municipality_id", flat=True)
        filing = next((pk for pk in requester_municipalities if pk in owners), None)
        if filing is None and len(owners) == 1:
            filing = owners.pop()
        if filing is not None:
            Consultation.objects.filter(pk=consultation.pk).update(filing_municipality_id=filing)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="consultation",
            name="filing_municipality",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="portal.municipality",
                verbose_name="申請団体",
            ),
        ),
        migrations.RunPython(fill_filing_municipality, migrations.RunPython.noop),
    ]
