"""Load the seed's case studies, typology, success factors and adoption status, once each.

`make run` runs this every time, so it must never undo advisors' work. Every seed item has a key
(``case:<slug>``, ``group:<name in the seed>`` ...) recorded in SeedRecord the first time it is put
in; a recorded item is never touched again, even if an advisor has since deleted or renamed it,
except that a field added to the seed later (情報の時点) is filled once, where it is still empty.
Items found by slug or name without a record (loaded before the records existed) are adopted,
not duplicated. Only the first run publishes: a case study the seed gains later arrives as a draft
that goes through the 決裁 like any other.
"""

import datetime
import json
from decimal import Decimal
from functools import partial
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
    SeedRecord,
    StatedTotal,
    SuccessFactor,
    TypologyEntry,
)
from cases.workflow import ensure_case_workflow
from portal.models import HomePage, Municipality

ENGLISH_FACTOR_FIELDS = ("title_en", "description_en", "question_en", "advice_en")
DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "nara_joint_use_groups.json"


class Command(BaseCommand):
    help = "Loads the seed's case studies and adoption status. A second run changes nothing."

    def handle(self, *args, **options):
        if Municipality.objects.count() == 0:
            raise CommandError("Run `manage.py load_reference_data` first.")
        data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
        self.created = {}
        with transaction.atomic():
            self.first_run = not CaseStudyIndexPage.objects.exists() and not SeedRecord.objects.exists()
            factors = self._success_factors()
            typologies = self._typologies()
            groups = self._adoption_groups(data)
            self._stated_totals(data)
            index = self._index_page()
            if index is not None:
                self._kentokai(index, groups, factors, typologies)
                self._short_cases(index, groups, typologies)
                for name in ensure_case_workflow(index):
                    self._count(name, True)
        summary = ", ".join(f"{name} {count}" for name, count in self.created.items())
        self.stdout.write(f"cases: created {summary or 'nothing (all present)'}")

    def _count(self, name, created):
        if created:
            self.created[name] = self.created.get(name, 0) + 1

    def _once(self, key, model, *, find, create, label):
        """The seed item `key`: None if it was put in before and is gone now, else the record."""
        record = SeedRecord.objects.filter(key=key).first()
        if record is not None:
            return model.objects.filter(pk=record.object_pk).first()
        obj = find()
        created = obj is None
        if created:
            obj = create()
        SeedRecord.objects.create(key=key, object_pk=str(obj.pk))
        self._count(label, created)
        return obj

    def _success_factors(self):
        factors = {}
        for order, (slug, source, title, description, question, advice, weight) in enumerate(
            seed.SUCCESS_FACTORS, start=1
        ):
            english = dict(zip(ENGLISH_FACTOR_FIELDS, seed.SUCCESS_FACTORS_EN[slug], strict=True))
            factors[slug] = self._once(
                f"factor:{slug}",
                SuccessFactor,
                find=lambda slug=slug: SuccessFactor.objects.filter(slug=slug).first(),
                create=partial(
                    SuccessFactor.objects.create,
                    slug=slug,
                    source=source,
                    title=title,
                    description=description,
                    question=question,
                    advice=advice,
                    weight=weight,
                    sort_order=order,
                    **english,
                ),
                label="success factors",
            )
            self._fill_english(factors[slug], english)
        return factors

    def _fill_english(self, factor, english):
        """The one exception to "never touched again": English texts an install loaded before they
        existed are filled in, but only fields still empty, so an advisor's translation stays."""
        if factor is None:
            return
        missing = {name: text for name, text in english.items() if text and not getattr(factor, name)}
        if missing:
            for name, text in missing.items():
                setattr(factor, name, text)
            factor.save(update_fields=list(missing))
            self._count("success factors given English texts", True)

    def _typologies(self):
        entries = {}
        for slug, dimension, title, points, order in seed.TYPOLOGY:
            entries[slug] = self._once(
                f"typology:{slug}",
                TypologyEntry,
                find=lambda slug=slug: TypologyEntry.objects.filter(slug=slug).first(),
                create=lambda slug=slug, dimension=dimension, title=title, points=points, order=order: (
                    TypologyEntry.objects.create(
                        slug=slug, dimension=dimension, title=title, points=points, sort_order=order
                    )
                ),
                label="typology entries",
            )
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

            def create(
                row=row,
                arrangement=arrangement,
                organisation=organisation,
                year=year,
                month=month,
                order=order,
            ):
                group = AdoptionGroup.objects.create(
                    name=row["name"],
                    arrangement=arrangement,
                    system=seed.SYSTEM_FROM_SEED[row["system"]],
                    organisation=organisation,
                    business_area_count=row.get("business_areas"),
                    start=datetime.date(year, month, 1),
                    start_as_written=row["start_era"],
                    go_live_detail=row.get("go_live_detail", ""),
                    vendor=row.get("vendor", ""),
                    sort_order=order,
                )
                group.members.set([by_name[name] for name in row["members"]])
                return group

            groups[row["name"]] = self._once(
                f"group:{row['name']}",
                AdoptionGroup,
                find=lambda name=row["name"]: AdoptionGroup.objects.filter(name=name).first(),
                create=create,
                label="adoption groups",
            )
        return groups

    def _stated_totals(self, data):
        for label, value in data["stated_totals"].items():
            scope = seed.STATED_SCOPE_FROM_SEED[label]
            self._once(
                f"stated_total:{scope}",
                StatedTotal,
                find=lambda scope=scope: StatedTotal.objects.filter(scope=scope).first(),
                create=lambda scope=scope, label=label, value=value: StatedTotal.objects.create(
                    scope=scope, label_as_written=label, value=value, source=data["source"]
                ),
                label="stated totals",
            )

    def _index_page(self):
        def create():
            home = HomePage.objects.first()
            if home is None:
                raise CommandError("No home page: run `manage.py migrate` first.")
            index = CaseStudyIndexPage(title="成功事例", slug="cases", introduction=seed.INDEX_INTRODUCTION)
            home.add_child(instance=index)
            index.save_revision().publish()
            return index

        index = self._once(
            "index",
            CaseStudyIndexPage,
            find=lambda: CaseStudyIndexPage.objects.first(),
            create=create,
            label="index page",
        )
        if index is None:
            self.stdout.write("cases: the case index was deleted; no case studies added")
        return index

    def _publish_case(self, index, *, slug, group, information_as_of, factors=(), typologies=(), **fields):
        day, precision, basis = information_as_of
        as_of = {
            "information_as_of": datetime.date.fromisoformat(day),
            "information_as_of_precision": precision,
            "information_as_of_basis": basis,
        }
        fields.update(as_of)

        def create():
            page = CaseStudyPage(slug=slug, live=self.first_run, **fields)
            page.municipalities = list(group.members.all()) if group is not None else []
            page.success_factors = [factor for factor in factors if factor is not None]
            page.typologies = [entry for entry in typologies if entry is not None]
            index.add_child(instance=page)
            revision = page.save_revision()
            if self.first_run:
                revision.publish()
            else:
                # Later seed additions go through the 決裁 like any advisor's draft.
                self._count("case studies left as drafts for review", True)
            if group is not None:
                group.case_study = page
                group.save(update_fields=["case_study"])
            return page

        page = self._once(
            f"case:{slug}",
            CaseStudyPage,
            find=lambda: CaseStudyPage.objects.filter(slug=slug).first(),
            create=create,
            label="case studies",
        )
        # Recorded too, so a date an advisor has since cleared on purpose is not put back.
        key = f"case_as_of:{slug}"
        if page is not None and not SeedRecord.objects.filter(key=key).exists():
            if page.information_as_of is None:
                self._fill_information_as_of(page, as_of)
            SeedRecord.objects.create(key=key, object_pk=str(page.pk))
        return page

    def _fill_information_as_of(self, page, values):
        """Give a case loaded before 情報の時点 existed its date, in the page and in its latest revision.

        The revision is the editor's starting point: left without the date, the next publish from
        Wagtail would empty it again. No new revision is made, so nothing an advisor wrote is replaced.
        """
        CaseStudyPage.objects.filter(pk=page.pk, information_as_of__isnull=True).update(**values)
        revision = page.latest_revision
        if revision is not None and not revision.content.get("information_as_of"):
            revision.content.update({**values, "information_as_of": values["information_as_of"].isoformat()})
            revision.save(update_fields=["content"])
        self._count("case studies given their 情報の時点", True)

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
            information_as_of=case["information_as_of"],
            source_note=case["source_note"],
        )

    def _short_cases(self, index, groups, typologies):
        for name, (slug, title, summary, typology_slugs) in seed.SHORT_CASES.items():
            group = groups[name]
            if group is None:
                continue  # an advisor deleted the group the short case is written from
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
                        label="以降、順次稼働" if "順次" in group.start_as_written else "",
                    )
                ],
                information_as_of=seed.DOCUMENT_AS_OF,
                source_note=seed.SOURCE + "（推進状況の表）",
            )
