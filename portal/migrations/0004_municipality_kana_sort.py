from django.db import migrations, models

from portal.kana import gojuon_key


def fill_kana_sort(apps, schema_editor):
    Municipality = apps.get_model("portal", "Municipality")
    for municipality in Municipality.objects.all():
        municipality.kana_sort = gojuon_key(municipality.kana)
        municipality.save(update_fields=["kana_sort"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_create_home_page")]

    operations = [
        migrations.AddField(
            model_name="municipality",
            name="kana_sort",
            field=models.CharField(db_index=True, default="", editable=False, max_length=210),
            preserve_default=False,
        ),
        migrations.RunPython(fill_kana_sort, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="municipality",
            options={"ordering": ["kana_sort"], "verbose_name": "市町村", "verbose_name_plural": "市町村"},
        ),
    ]
