"""Seed the advisors' synonym rules with the rules of search/synonyms.txt (once: an empty table only)."""

from django.db import migrations

from search.analysis import load_synonyms


def seed(apps, schema_editor):
    SynonymRule = apps.get_model("search", "SynonymRule")
    if not SynonymRule.objects.exists():
        SynonymRule.objects.bulk_create(
            SynonymRule(rule=rule, note="search/synonyms.txt") for rule in load_synonyms()
        )


class Migration(migrations.Migration):
    dependencies = [("search", "0004_synonym_rules")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
