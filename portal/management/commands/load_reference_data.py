"""Load the municipalities of the prefecture (and the readings of its districts) from portal/data/,
idempotently."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.models import Municipality

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = "Loads reference data (municipalities). A second run changes nothing."

    def handle(self, *args, **options):
        created = updated = unchanged = 0
        with open(DATA_DIR / "nara_districts.csv", encoding="utf-8") as handle:
            district_kana = {row["district"]: row["kana"] for row in csv.DictReader(handle)}
        with transaction.atomic(), open(DATA_DIR / "nara_municipalities.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                values = {
                    "name": row["name"],
                    "kana": row["kana"],
                    "kind": row["kind"],
                    "district": row["district"],
                    "district_kana": district_kana.get(row["district"], ""),
                }
                municipality = Municipality.objects.filter(code=row["lg_code"]).first()
                if municipality is None:
                    # The file's populations are rounded demo figures: stored flagged as 概数.
                    Municipality.objects.create(
                        code=row["lg_code"],
                        population=int(row["population_approx"]),
                        population_is_approximate=True,
                        **values,
                    )
                    created += 1
                    continue
                changed = {k: v for k, v in values.items() if getattr(municipality, k) != v}
                # Official figures entered later are never overwritten by the approximation.
                if municipality.population_is_approximate and municipality.population != int(
                    row["population_approx"]
                ):
                    changed["population"] = int(row["population_approx"])
                if changed:
                    for key, value in changed.items():
                        setattr(municipality, key, value)
                    municipality.save(update_fields=list(changed))
                    updated += 1
                else:
                    unchanged += 1
        self.stdout.write(
            f"municipalities: {created} created, {updated} updated, {unchanged} unchanged "
            f"({Municipality.objects.count()} in total)"
        )
