"""Name the site 窓口: Wagtail's admin shows a nameless site by its host name (localhost)."""

from django.db import migrations


def name_site(apps, schema_editor):
    apps.get_model("wagtailcore", "Site").objects.filter(is_default_site=True, site_name="").update(
        site_name="窓口"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_municipality_district_kana"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
