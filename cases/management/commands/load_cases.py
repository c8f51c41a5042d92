"""Load the seed's case studies, typology, success factors and adoption status, once each.

`make run` runs this every time, so it must never undo advisors' work. Every seed item has a key
(``case:<slug>``, ``group:<name in the seed>`` ...) recorded in SeedRecord the first time it is put
in; a recorded item is never touched again, even if an advisor has since deleted or renamed it,
except that a field added to the seed later (情報の時点) is filled once, where it is still empty.
Items found by slug or name without a record (loaded before the records existed) are adopted,
not duplicated. Only the first run publishes: a case study the seed gains later arrives as a draft
that goes through the 決裁 like any other.

The seed itself is data in cases/data/ (case_studies.json, success_factors.json, typology.json and
the status table nara_joint_use_groups.json); this command only reads and loads it.
"""

import datetime
import json
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.models import (
    AdoptionGroup,
    Arrangement,
    CaseResult,
    CaseStudyIndexPage,
    CaseStudyPage,
    DatePrecision,
    Milestone,
    Organisation,
    SeedRecord,
    StatedTotal,
    SuccessFactor,
    System,
    TypologyEntry,
)
from cases.workflow import ensure_case_workflow
from portal.models import HomePage, Municipality

DATA = Path(__file__).resolve().parents[2] / "data"
ENGLISH_FACTOR_FIELDS = ("title_en", "description_en", "question_en", "advice_en")

# The status table's words (nara_joint_use_groups.json) for the values the models store.
ARRANGEMENT_FROM_SEED = {
    "共同クラウド": Arrangement.JOINT_CLOUD,
    "単独クラウド": Arrangement.SINGLE_CLOUD,
    "共同利用": Arrangement.JOINT_USE,
}
SYSTEM_FROM_SEED = {
    "基幹システム": System.CORE,
    "戸籍": System.KOSEKI,
    "人事給与": System.PAYROLL,
    "財務会計": System.FINANCE,
    "公有財産管理": System.PROPERTY,
}
ORGANISATION_FROM_SEED = {
    "任意団体": Organisation.VOLUNTARY,
    "一部事務組合": Organisation.PARTIAL_UNION,
    "広域連合": Organisation.REGIONAL_UNION,
}
STATED_SCOPE_FROM_SEED = {
    "クラウド利用 団体数": StatedTotal.Scope.CLOUD,
    "共同利用 団体数 (非クラウド)": StatedTotal.Scope.CORE_JOINT_USE,
    "戸籍システム 共同利用 団体数 (非クラウド)": StatedTotal.Scope.KOSEKI_JOINT_USE,
}


# A full case's fields stored as the data file gives them (the rest are converted or related).
FULL_CASE_FIELDS = (
    "slug",
    "title",
    "summary",
    "arrangement",
    "organisation",
    "purpose",
    "system",
    "business_area_count",
    "vendor",
    "procurement_method",
    "characteristics",
    "source_note",
)


def read(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


class Command(BaseCommand):
    help = "Loads the seed's case studies and adoption status. A second run changes nothing."

    def handle(self, *args, **options):
        if Municipality.objects.count() == 0:
            raise CommandError("Run `manage.py load_reference_data` first.")
        adoption = read("nara_joint_use_groups.json")
        cases = read("case_studies.json")
        self.created = {}
        with transaction.atomic():
            self.first_run = not CaseStudyIndexPage.objects.exists() and not SeedRecord.objects.exists()
            factors = self._success_factors(read("success_factors.json")["success_factors"])
            typologies = self._typologies(read("typology.json")["typology"])
            groups = self._adoption_groups(adoption)
            self._stated_totals(adoption)
            index = self._index_page(cases["index_introduction"])
            if index is not None:
                self._full_cases(index, cases, groups, factors, typologies)
                self._short_cases(index, cases, groups, typologies)
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

    def _success_factors(self, rows):
        factors = {}
        for order, row in enumerate(rows, start=1):
            slug = row["slug"]
            english = {name: row[name] for name in ENGLISH_FACTOR_FIELDS}
            factors[slug] = self._once(
                f"factor:{slug}",
                SuccessFactor,
                find=lambda slug=slug: SuccessFactor.objects.filter(slug=slug).first(),
                create=partial(SuccessFactor.objects.create, **row, sort_order=order),
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

    def _typologies(self, rows):
        entries = {}
        for row in rows:
            slug = row["slug"]
            entries[slug] = self._once(
                f"typology:{slug}",
                TypologyEntry,
                find=lambda slug=slug: TypologyEntry.objects.filter(slug=slug).first(),
                create=partial(TypologyEntry.objects.create, **{**row, "points": "\n".join(row["points"])}),
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
            arrangement = ARRANGEMENT_FROM_SEED[row["arrangement"]]
            organisation = ORGANISATION_FROM_SEED.get(row.get("organisation", ""), "")
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
                    system=SYSTEM_FROM_SEED[row["system"]],
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
            scope = STATED_SCOPE_FROM_SEED[label]
            self._once(
                f"stated_total:{scope}",
                StatedTotal,
                find=lambda scope=scope: StatedTotal.objects.filter(scope=scope).first(),
                create=lambda scope=scope, label=label, value=value: StatedTotal.objects.create(
                    scope=scope, label_as_written=label, value=value, source=data["source"]
                ),
                label="stated totals",
            )

    def _index_page(self, introduction):
        def create():
            home = HomePage.objects.first()
            if home is None:
                raise CommandError("No home page: run `manage.py migrate` first.")
            index = CaseStudyIndexPage(title="成功事例", slug="cases", introduction=introduction)
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
        as_of = {
            "information_as_of": datetime.date.fromisoformat(information_as_of["date"]),
            "information_as_of_precision": information_as_of["precision"],
            "information_as_of_basis": information_as_of["basis"],
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

    def _full_cases(self, index, data, groups, factors, typologies):
        for case in data["cases"]:
            self._publish_case(
                index,
                group=groups[case["group"]],
                factors=[factors[slug] for slug in case["success_factors"]],
                typologies=[typologies[slug] for slug in case["typologies"]],
                **{name: case[name] for name in FULL_CASE_FIELDS},
                cost_reduction_percent=Decimal(case["cost_reduction_percent"]),
                lessons=[("lesson", lesson) for lesson in case["lessons"]],
                milestones=[
                    Milestone(**{**milestone, "date": datetime.date.fromisoformat(milestone["date"])})
                    for milestone in case["milestones"]
                ],
                results=[CaseResult(**result) for result in case["results"]],
                information_as_of=data["information_as_of"],
            )

    def _short_cases(self, index, data, groups, typologies):
        for case in data["short_cases"]:
            group = groups[case["group"]]
            if group is None:
                continue  # an advisor deleted the group the short case is written from
            organisation = group.organisation
            if group.arrangement == Arrangement.SINGLE_CLOUD:
                organisation = Organisation.SINGLE  # the seed defines 単独クラウド as one body's own SaaS use
            self._publish_case(
                index,
                slug=case["slug"],
                group=group,
                typologies=[typologies[s] for s in case["typologies"]],
                title=case["title"],
                summary=case["summary"],
                arrangement=group.arrangement,
                organisation=organisation,
                system=group.system,
                business_area_count=group.business_area_count,
                milestones=[
                    Milestone(
                        kind=Milestone.Kind.GO_LIVE,
                        date=group.start,
                        precision=DatePrecision.MONTH,
                        label="以降、順次稼働" if "順次" in group.start_as_written else "",
                    )
                ],
                information_as_of=data["information_as_of"],
                source_note=data["short_case_source_note"],
            )
