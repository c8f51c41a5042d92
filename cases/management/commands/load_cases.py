"""Load the seed's case studies, typology, success factors and adoption status, idempotently.

A second run changes nothing: everything is looked up by its slug or name, and what exists
(possibly edited by advisors since) is left alone.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases import seed_content as seed
from cases.models import (
    AdoptionGroup,
    CaseResult,
    CaseStudyIndexPage,
    CaseStudyPage,
    Milestone,
    Organisation,
    StatedTotal,
    SuccessFactor,
    TypologyEntry,
)
from cases.workflow import ensure_case_workflow
from portal.models import HomePage, Municipality

DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "nara_joint_use_groups.json"


class Command(BaseCommand):
    help = "Loads the seed's case studies and adoption status. A second run changes nothing."

    def handle(self, *args, **options):
        if Municipality.objects.count() == 0:
            raise CommandError("Run `manage.py load_reference_data` first.")
        data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        self.created = {}
        with transaction.atomic():
            factors = self._success_factors()
            typologies = self._typologies()
            groups = self._adoption_groups(data)
            self._stated_totals(data)
            index = self._index_page()
            self._kentokai(index, groups, factors, typologies)
            self._short_cases(index, groups, typologies)
            ensure_case_workflow(index)
        summary = ", ".join(f"{name} {count}" for name, count in self.created.items())
        self.stdout.write(f"cases: created {summary or 'nothing (all present)'}")

    def _count(self, name, created):
        if created:
            self.created[name] = self.created.get(name, 0) + 1

    def _success_factors(self):
        factors = {}
        for order, (slug, source, title, description, question, advice, weight) in enumerate(
            seed.SUCCESS_FACTORS, start=1
        ):
            factor, created = SuccessFactor.objects.get_or_create(
                slug=slug,
                defaults={
                    "source": source,
                    "title": title,
                    "description": description,
                    "question": question,
                    "advice": advice,
                    "weight": weight,
                    "sort_order": order,
                },
            )
            factors[slug] = factor
            self._count("success factors", created)
        return factors

    def _typologies(self):
        entries = {}
        for slug, dimension, title, points, order in seed.TYPOLOGY:
            entry, created = TypologyEntry.objects.get_or_create(
                slug=slug,
                defaults={"dimension": dimension, "title": title, "points": points, "sort_order": order},
            )
            entries[slug] = entry
            self._count("typology entries", created)
        return entries

    def _adoption_groups(self, data):
        by_name = {m.name: m for m in Municipality.objects.all()}
        groups = {}
        for order, row in enumerate(data["groups"], start=1):
            unknown = [name for name in row["members"] if name not in by_name]
            if unknown:
                raise CommandError(f"Unknown municipalities in {row['name']}: {', '.join(unknown)}")
            arrangement = seed.ARRANGEMENT_FROM_SEED[row["arrangement"]]
            organisation = seed.ORGANISATION_FROM_SEED.get(row.get("organisation", ""), "")
            year, month = (int(part) for part in row["start"].split("-"))
            group, created = AdoptionGroup.objects.get_or_create(
                name=row["name"],
                defaults={
                    "arrangement": arrangement,
                    "system": seed.SYSTEM_FROM_SEED[row["system"]],
                    "organisation": organisation,
                    "business_area_count": row.get("business_areas"),
                    "start": datetime.date(year, month, 1),
                    "start_as_written": row["start_era"],
                    "go_live_detail": row.get("go_live_detail", ""),
                    "vendor": row.get("vendor", ""),
                    "sort_order": order,
                },
            )
            if created:
                group.members.set([by_name[name] for name in row["members"]])
            groups[row["name"]] = group
            self._count("adoption groups", created)
        return groups

    def _stated_totals(self, data):
        for label, value in data["stated_totals"].items():
            _, created = StatedTotal.objects.get_or_create(
                scope=seed.STATED_SCOPE_FROM_SEED[label],
                defaults={"label_as_written": label, "value": value, "source": data["source"]},
            )
            self._count("stated totals", created)

    def _index_page(self):
        index = CaseStudyIndexPage.objects.first()
        if index is not None:
            return index
        home = HomePage.objects.first()
        if home is None:
            raise CommandError("No home page: run `manage.py migrate` first.")
        index = CaseStudyIndexPage(title="成功事例", slug="cases", introduction=seed.INDEX_INTRODUCTION)
        home.add_child(instance=index)
        index.save_revision().publish()
        self._count("index page", True)
        return index

    def _publish_case(self, index, *, slug, group, factors=(), typologies=(), **fields):
        existing = CaseStudyPage.objects.filter(slug=slug).first()
        if existing is not None:
            return existing
        page = CaseStudyPage(slug=slug, **fields)
        page.municipalities = list(group.members.all())
        page.success_factors = list(factors)
        page.typologies = list(typologies)
        index.add_child(instance=page)
        page.save_revision().publish()
        group.case_study = page
        group.save(update_fields=["case_study"])
        self._count("case studies", True)
        return page

    def _kentokai(self, index, groups, factors, typologies):
        case = seed.KENTOKAI
        self._publish_case(
            index,
            slug=case["slug"],
            group=groups[case["group"]],
            factors=[factors[slug] for slug in case["success_factors"]],
            typologies=[typologies[slug] for slug in case["typologies"]],
            title=case["title"],
            summary=case["summary"],
            arrangement=case["arrangement"],
            organisation=case["organisation"],
            purpose=case["purpose"],
            system=case["system"],
            business_area_count=case["business_area_count"],
            vendor=case["vendor"],
            procurement_method=case["procurement_method"],
            cost_reduction_percent=Decimal(case["cost_reduction_percent"]),
            characteristics=case["characteristics"],
            lessons=[("lesson", {"heading": heading, "body": body}) for heading, body in case["lessons"]],
            milestones=[
                Milestone(kind=kind, date=datetime.date.fromisoformat(day), precision=precision, label=label)
                for kind, day, precision, label in case["milestones"]
            ],
            results=[
                CaseResult(metric=metric, before=before, after=after, unit=unit, note=note)
                for metric, before, after, unit, note in case["results"]
            ],
            source_note=case["source_note"],
        )

    def _short_cases(self, index, groups, typologies):
        for name, (slug, title, summary, typology_slugs) in seed.SHORT_CASES.items():
            group = groups[name]
            organisation = group.organisation
            if group.arrangement == "single_cloud":
                organisation = Organisation.SINGLE  # the seed defines 単独クラウド as one body's own SaaS use
            self._publish_case(
                index,
                slug=slug,
                group=group,
                typologies=[typologies[s] for s in typology_slugs],
                title=title,
                summary=summary,
                arrangement=group.arrangement,
                organisation=organisation,
                system=group.system,
                business_area_count=group.business_area_count,
                milestones=[
                    Milestone(
                        kind=Milestone.Kind.GO_LIVE,
                        date=group.start,
                        precision=Milestone.Precision.MONTH,
                        label=f"稼働開始（{group.start_as_written}）",
                    )
                ],
                source_note=seed.SOURCE + "（推進状況の表）",
            )
