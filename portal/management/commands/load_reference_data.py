"""Load the municipalities of the prefecture (with the readings of its districts and the region each is
in) and the system areas' English names from portal/data/, idempotently."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from portal.models import Municipality, SystemArea

DATA_DIR = Path(__file__).resolve().parents[2] / "data"

# English names are filled only where empty: one an admin corrected is theirs to keep.
ENGLISH_FIELDS = ("name_en", "district_en", "region_en")


class Command(BaseCommand):
    help = "Loads reference data (municipalities, system areas' English names). A second run changes nothing."

    def handle(self, *args, **options):
        with transaction.atomic():
            self._municipalities()
            self._system_areas()

    def _municipalities(self):
        created = updated = unchanged = 0
        with open(DATA_DIR / "nara_districts.csv", encoding="utf-8") as handle:
            district_kana = {row["district"]: row["kana"] for row in csv.DictReader(handle)}
        with open(DATA_DIR / "nara_regions.csv", encoding="utf-8") as handle:
            regions = {row["lg_code"]: row for row in csv.DictReader(handle)}
        with open(DATA_DIR / "nara_municipalities.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                values = {
                    "name": row["name"],
                    "kana": row["kana"],
                    "kind": row["kind"],
                    "district": row["district"],
                    "district_kana": district_kana.get(row["district"], ""),
                    "region": regions[row["lg_code"]]["region"],
                }
                english = {field: row[field] for field in ENGLISH_FIELDS if field in row}
                english["region_en"] = regions[row["lg_code"]]["region_en"]
                municipality = Municipality.objects.filter(code=row["lg_code"]).first()
                if municipality is None:
                    # The file's populations are rounded demo figures: stored flagged as 概数.
                    Municipality.objects.create(
                        code=row["lg_code"],
                        population=int(row["population_approx"]),
                        population_is_approximate=True,
                        **values,
                        **english,
                    )
                    created += 1
                    continue
                changed = {k: v for k, v in values.items() if getattr(municipality, k) != v}
                changed.update({k: v for k, v in english.items() if v and not getattr(municipality, k)})
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

    def _system_areas(self):
        # The areas themselves come from migration 0005 and belong to the admins afterwards: the file
        # only names them in English, and an area an admin removed is not brought back.
        filled = 0
        with open(DATA_DIR / "system_areas.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                filled += SystemArea.objects.filter(name=row["name"], name_en="").update(
                    name_en=row["name_en"]
                )
        self.stdout.write(
            f"system areas: {filled} English names filled ({SystemArea.objects.count()} in total)"
        )
