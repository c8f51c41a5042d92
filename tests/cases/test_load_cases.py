"""load_cases authors the seed's material once; a second run changes nothing."""

import datetime
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Revision

from cases.models import (
    AdoptionGroup,
    CaseResult,
    CaseStudyIndexPage,
    CaseStudyPage,
    Milestone,
    SeedRecord,
    StatedTotal,
    SuccessFactor,
    TypologyEntry,
)
from cases.workflow import EDITOR_GROUP
from tests.conftest import built_once, seed

pytestmark = pytest.mark.django_db


def counts():
    return {
        "cases": CaseStudyPage.objects.count(),
        "revisions": Revision.objects.count(),
        "factors": SuccessFactor.objects.count(),
        "typology": TypologyEntry.objects.count(),
        "groups": AdoptionGroup.objects.count(),
        "members": AdoptionGroup.members.through.objects.count(),
        "stated": StatedTotal.objects.count(),
    }


def test_load_refuses_without_municipalities(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_reference_data"):
        call_command("load_cases", verbosity=0)


def run_again():
    out = StringIO()
    call_command("load_cases", stdout=out)
    return out.getvalue()


def test_a_first_run_reports_what_it_created_and_a_second_reports_nothing(db):
    call_command("load_reference_data", verbosity=0)
    first = run_again()
    assert "case studies 8" in first and "adoption groups 8" in first and "workflow 1" in first
    assert "nothing (all present)" in run_again()


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """The seed, loaded once for the class: each test's writes are rolled back to it."""
    yield from built_once(django_db_blocker, seed)


class TestAfterTheSeed:
    def test_second_run_changes_nothing_and_keeps_advisors_edits(self, seeded):
        before = counts()
        case = CaseStudyPage.objects.get(slug="tandoku-cloud")
        case.summary = "補佐官が書き直した概要"
        case.save_revision().publish()
        group = AdoptionGroup.objects.get(name="単独クラウド")
        group.start_as_written = "補佐官が直した表記"
        group.save()
        after_edit = counts()
        call_command("load_cases", verbosity=0)
        assert counts() == after_edit
        assert after_edit["revisions"] == before["revisions"] + 1
        assert CaseStudyPage.objects.get(slug="tandoku-cloud").summary == "補佐官が書き直した概要"
        assert AdoptionGroup.objects.get(name="単独クラウド").start_as_written == "補佐官が直した表記"

    def test_the_seed_content_is_loaded_as_published_pages_and_snippets(self, seeded):
        assert CaseStudyPage.objects.live().count() == 8
        assert AdoptionGroup.objects.count() == 8
        assert TypologyEntry.objects.count() == 4
        assert SuccessFactor.objects.exclude(question="").count() == 12
        assert {t.scope: t.value for t in StatedTotal.objects.all()} == {
            "cloud": 21,
            "core_joint_use": 3,
            "koseki_joint_use": 9,
        }

    def test_the_kentokai_case_holds_the_seed_facts(self, seeded):
        case = CaseStudyPage.objects.get(slug="nara-kikan-kyodoka-kentokai")
        assert sorted(m.name for m in case.municipalities.all()) == sorted(
            ["香芝市", "葛城市", "川西町", "田原本町", "上牧町", "広陵町", "河合町"]
        )
        assert (case.arrangement, case.organisation, case.system) == ("joint_cloud", "voluntary", "core")
        assert case.vendor == "NEC" and case.procurement_method == "総合評価型プロポーザル方式"
        assert case.business_area_count == 22
        assert case.cost_reduction_percent == Decimal("56.0")
        assert case.first_go_live == datetime.date(2011, 5, 1)
        assert [(m.date.year, m.precision) for m in case.milestones.order_by("date")][-1] == (2013, "year")
        results = {r.metric: (r.after, r.unit) for r in case.results.all()}
        assert results["経費削減率"] == ("56", "%")
        assert results["規定帳票の共通化"] == ("19", "種")
        assert "庁内にバックアップ・データ連係サーバ" in case.characteristics
        lessons = " ".join(block.value["body"] for block in case.lessons)
        assert "６ヶ月" in lessons and "図書館" not in lessons  # 図書館 is a result, kept with the results
        assert any("図書館" in r.note for r in case.results.all())
        assert case.adoption_groups.get().name == "奈良県基幹システム共同化検討会"

    def test_a_seeded_case_or_group_an_advisor_deleted_is_not_recreated(self, seeded):
        CaseStudyPage.objects.get(slug="tandoku-cloud").delete()
        AdoptionGroup.objects.get(name="人事給与システム共同利用").delete()
        StatedTotal.objects.get(scope="cloud").delete()
        assert "nothing (all present)" in run_again()
        assert not CaseStudyPage.objects.filter(slug="tandoku-cloud").exists()
        assert not AdoptionGroup.objects.filter(name="人事給与システム共同利用").exists()
        assert not StatedTotal.objects.filter(scope="cloud").exists()

    def test_a_renamed_adoption_group_is_not_duplicated(self, seeded):
        group = AdoptionGroup.objects.get(name="単独クラウド")
        group.name = "単独クラウド（自治体クラウドSaaS）"
        group.save()
        before = AdoptionGroup.objects.count()
        run_again()
        assert AdoptionGroup.objects.count() == before
        assert not AdoptionGroup.objects.filter(name="単独クラウド").exists()

    def test_records_loaded_before_the_seed_keys_are_adopted_and_later_cases_are_only_drafts(self, seeded):
        # A database seeded by the earlier command: the records are there, the keys are not.
        SeedRecord.objects.all().delete()
        CaseStudyPage.objects.get(slug="tandoku-cloud").delete()
        before = counts()
        output = run_again()
        assert counts()["groups"] == before["groups"]
        case = CaseStudyPage.objects.get(slug="tandoku-cloud")
        assert not case.live  # a re-run never publishes: it goes through the 決裁
        assert "case studies left as drafts for review 1" in output

    def test_a_rerun_does_not_grant_again_a_permission_an_admin_removed(self, seeded):
        group = Group.objects.get(name=EDITOR_GROUP)
        group.permissions.remove(Permission.objects.get(codename="change_adoptiongroup"))
        GroupPagePermission.objects.filter(group=group, permission__codename="publish_page").delete()
        run_again()
        assert not group.permissions.filter(codename="change_adoptiongroup").exists()
        assert not GroupPagePermission.objects.filter(
            group=group, permission__codename="publish_page"
        ).exists()

    def test_every_seed_case_carries_the_date_of_its_information_and_says_where_it_comes_from(self, seeded):
        for case in CaseStudyPage.objects.all():
            assert (case.information_as_of, case.information_as_of_precision) == (
                datetime.date(2012, 1, 1),
                "year",
            )
            assert "出典に時点の記載がない" in case.information_as_of_basis

    def test_seed_text_shows_dates_in_the_era_with_the_gregorian_year_not_as_h_numbers(self, seeded):
        texts = [case.summary for case in CaseStudyPage.objects.all()]
        texts += [m.label for case in CaseStudyPage.objects.all() for m in case.milestones.all()]
        texts += [group.go_live_detail for group in AdoptionGroup.objects.all()]
        assert not [text for text in texts if re.search(r"H\d+\.?\d*", text)]
        kentokai = CaseStudyPage.objects.get(slug="nara-kikan-kyodoka-kentokai")
        assert "平成23年（2011年）5月から順次稼働" in kentokai.summary

    def test_an_install_loaded_before_the_date_of_information_gets_it_once_without_losing_edits(self, seeded):
        edited = CaseStudyPage.objects.get(slug="tandoku-cloud")
        edited.information_as_of = datetime.date(2026, 4, 1)
        edited.information_as_of_precision = "month"
        edited.save_revision().publish()
        # What an install seeded before the field existed looks like: no date in the pages or revisions.
        SeedRecord.objects.filter(key__startswith="case_as_of:").delete()
        others = CaseStudyPage.objects.exclude(pk=edited.pk)
        others.update(information_as_of=None)
        for revision in Revision.objects.filter(
            object_id__in=[str(pk) for pk in others.values_list("pk", flat=True)]
        ):
            revision.content.pop("information_as_of", None)
            revision.save()
        before = counts()
        assert "case studies given their 情報の時点 7" in run_again()
        assert counts() == before
        for case in CaseStudyPage.objects.exclude(pk=edited.pk):
            assert case.information_as_of == datetime.date(2012, 1, 1)
            # Editing in Wagtail starts from the latest revision: it has the date too.
            assert case.get_latest_revision_as_object().information_as_of == datetime.date(2012, 1, 1)
        edited.refresh_from_db()
        assert (edited.information_as_of, edited.information_as_of_precision) == (
            datetime.date(2026, 4, 1),
            "month",
        )

    def test_a_date_of_information_an_advisor_cleared_is_not_put_back(self, seeded):
        case = CaseStudyPage.objects.get(slug="tandoku-cloud")
        case.information_as_of = None
        case.save_revision().publish()
        assert "nothing (all present)" in run_again()
        assert CaseStudyPage.objects.get(slug="tandoku-cloud").information_as_of is None

    def test_success_factors_loaded_before_english_existed_get_it_and_an_edited_translation_stays(
        self, seeded
    ):
        SuccessFactor.objects.update(title_en="", description_en="", question_en="", advice_en="")
        SuccessFactor.objects.filter(slug="sla-central").update(title_en="SLA first")
        SuccessFactor.objects.filter(slug="sla-central").update(question="SLAを中心に据えた（編集済み）")
        assert "success factors given English texts 16" in run_again()
        sla = SuccessFactor.objects.get(slug="sla-central")
        assert sla.title_en == "SLA first"
        assert sla.question == "SLAを中心に据えた（編集済み）"  # the Japanese edit is kept too
        assert sla.question_en == "The SLA (service levels) is at the centre of the contract"
        assert not SuccessFactor.objects.filter(title_en="").exists()
        assert "nothing (all present)" in run_again()

    def test_the_load_puts_in_exactly_the_seed_pages_and_rows(self, seeded):
        """What load_cases produces, pinned: the seed may move between files, its result may not change."""
        assert counts() | {
            "milestones": Milestone.objects.count(),
            "results": CaseResult.objects.count(),
        } == {
            "cases": 8,
            "revisions": 9,
            "factors": 16,
            "typology": 4,
            "groups": 8,
            "members": 42,
            "stated": 3,
            "milestones": 11,
            "results": 4,
        }
        assert SeedRecord.objects.count() == 1 + 16 + 4 + 8 + 3 + 8 * 2
        index = CaseStudyIndexPage.objects.get()
        assert (index.title, index.slug, index.live) == ("成功事例", "cases", True)
        assert index.introduction.startswith("<p>奈良県の市町村は合併が殆ど進まず")
        cases = {
            case.slug: (case.title, case.arrangement, case.organisation, case.purpose, case.system)
            for case in CaseStudyPage.objects.order_by("path")
        }
        assert cases == {
            "nara-kikan-kyodoka-kentokai": (
                "奈良県基幹システム共同化検討会（7団体の共同クラウド）",
                "joint_cloud",
                "voluntary",
                "cost",
                "core",
            ),
            "tandoku-cloud": ("単独クラウド（14団体）", "single_cloud", "single", "", "core"),
            "kikan-kyodo-riyo": ("基幹システム共同利用（3村・13業務）", "joint_use", "", "", "core"),
            "zaimu-kaikei-kyodo-riyo": ("財務会計システム共同利用（2町）", "joint_use", "", "", "finance"),
            "koyu-zaisan-kyodo-riyo": (
                "公有財産管理システム共同利用（4町）",
                "joint_use",
                "",
                "",
                "property",
            ),
            "koseki-kyodoka-kyogikai": (
                "戸籍システム共同化実施協議会（3市町）",
                "joint_use",
                "",
                "",
                "koseki",
            ),
            "jinji-kyuyo-kyodo-riyo": ("人事給与システム共同利用（2団体）", "joint_use", "", "", "payroll"),
            "yoshino-koseki-kyodoka": (
                "戸籍事務共同化（吉野広域行政事務組合・7町村）",
                "joint_use",
                "partial_union",
                "",
                "koseki",
            ),
        }
        assert list(CaseStudyPage.objects.order_by("path").values_list("slug", flat=True)) == list(cases)
        assert all(
            case.source_note.startswith("奈良県「奈良県内市町村基幹システム")
            for case in CaseStudyPage.objects.all()
        )
        yoshino = CaseStudyPage.objects.get(slug="yoshino-koseki-kyodoka")
        assert [t.slug for t in yoshino.typologies.all()] == ["union"]
        assert yoshino.source_note.endswith("（推進状況の表）")
        [milestone] = yoshino.milestones.all()
        assert (milestone.kind, milestone.date, milestone.precision, milestone.label) == (
            "go_live",
            datetime.date(2012, 1, 1),
            "month",
            "以降、順次稼働",
        )
        kentokai = CaseStudyPage.objects.get(slug="nara-kikan-kyodoka-kentokai")
        assert [
            (m.kind, m.date.isoformat(), m.precision, m.label) for m in kentokai.milestones.order_by("date")
        ] == [
            ("go_live", "2011-05-01", "month", "運用開始（1町）"),
            ("go_live", "2011-12-01", "month", "運用開始（1町）"),
            ("go_live", "2012-03-01", "month", "運用開始（4市町）"),
            ("go_live", "2013-01-01", "year", "運用開始（1町）"),
        ]
        assert [block.value["heading"] for block in kentokai.lessons][:2] == [
            "きっかけは先進事例の研修会",
            "発起人がパートナーを募集し任意団体を結成",
        ]
        assert len(kentokai.lessons) == 6
        assert sorted(f.slug for f in kentokai.success_factors.all()) == sorted(
            [
                "concept-leader",
                "engaged-head",
                "dedicated-staff",
                "small-population",
                "fit-gap-by-staff",
                "moderate-scope",
                "no-customisation",
                "sla-central",
                "data-linkage",
                "see-success-sites",
            ]
        )
        assert sorted(t.slug for t in kentokai.typologies.all()) == ["cost-reduction", "voluntary"]
        assert {g.name: g.case_study.slug for g in AdoptionGroup.objects.exclude(case_study=None)} == {
            "奈良県基幹システム共同化検討会": "nara-kikan-kyodoka-kentokai",
            "単独クラウド": "tandoku-cloud",
            "基幹システム共同利用": "kikan-kyodo-riyo",
            "財務会計システム共同利用": "zaimu-kaikei-kyodo-riyo",
            "公有財産管理システム共同利用": "koyu-zaisan-kyodo-riyo",
            "戸籍システム共同化実施協議会": "koseki-kyodoka-kyogikai",
            "人事給与システム共同利用": "jinji-kyuyo-kyodo-riyo",
            "戸籍事務共同化（吉野広域行政事務組合）": "yoshino-koseki-kyodoka",
        }
        factors = list(SuccessFactor.objects.values_list("sort_order", "slug", "source", "weight"))
        assert factors[:3] == [
            (1, "concept-leader", "common", 2),
            (2, "engaged-head", "common", 2),
            (3, "dedicated-staff", "common", 2),
        ]
        assert factors[-1] == (16, "shared-crisis", "secrets", 1)
        assert sum(weight for *_, weight in factors) == 20
        sla = SuccessFactor.objects.get(slug="sla-central")
        assert (sla.title, sla.title_en) == ("ＳＬＡが契約の主役", "The SLA is the heart of the contract")
        assert sla.advice.endswith("含む契約締結（条件交渉）に６ヶ月を要しました。")
        typology = list(TypologyEntry.objects.values_list("dimension", "sort_order", "slug", "title"))
        assert typology == [
            ("framework", 1, "union", "広域連合、一部事務組合"),
            ("framework", 2, "voluntary", "任意団体"),
            ("purpose", 1, "cost-reduction", "コスト削減"),
            ("purpose", 2, "efficiency", "業務効率向上（職員負荷低減）、住民サービス向上"),
        ]
        assert TypologyEntry.objects.get(slug="voluntary").point_list[1] == (
            "事務局等の組織維持経費（=オーバーヘッド）ほぼ不要"
        )
        assert {t.scope: t.label_as_written for t in StatedTotal.objects.all()} == {
            "cloud": "クラウド利用 団体数",
            "core_joint_use": "共同利用 団体数 (非クラウド)",
            "koseki_joint_use": "戸籍システム 共同利用 団体数 (非クラウド)",
        }
