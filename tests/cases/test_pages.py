"""Case pages in Wagtail: where they may live, creation through the admin, and the review workflow."""

import datetime

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cases.models import CaseStudyIndexPage, CaseStudyPage
from cases.workflow import EDITOR_GROUP
from portal.models import HomePage, Municipality, Role
from tests.conftest import TOTP_SECRET
from tests.factories import UserFactory, case_index, case_study, member

APPROVE_BUTTON = 'data-workflow-action-name="approve"'


def with_totp(user):
    TOTP.activate(user, TOTP_SECRET)
    return user


def case_form_data(title, municipalities):
    data = nested_form_data(
        {
            "title": title,
            "slug": "shiken-kyodo-cloud",
            "summary": "3町で基幹システムを共同クラウド化した。",
            "other_bodies": "",
            "arrangement": "joint_cloud",
            "organisation": "voluntary",
            "purpose": "cost",
            "system": "core",
            "business_area_count": "20",
            "vendor": "試験ベンダー",
            "package": "",
            "procurement_method": "公募型プロポーザル",
            "cost_reduction_percent": "30",
            "milestones": inline_formset(
                [
                    {"kind": "study_start", "date": "2020-04-01", "precision": "month", "label": ""},
                    {"kind": "procurement", "date": "2021-01-15", "precision": "day", "label": ""},
                    {"kind": "go_live", "date": "2022-01-04", "precision": "day", "label": "稼働"},
                ]
            ),
            "results": inline_formset(
                [{"metric": "経費削減率", "before": "", "after": "30", "unit": "%", "note": ""}]
            ),
            "characteristics": rich_text("<p>ノーカスタマイズ。</p>"),
            "lessons": streamfield(
                [("lesson", {"heading": "早めに首長を巻き込む", "body": "トップダウンで進めた。"})]
            ),
            "documents": inline_formset([]),
            "contact_department": "",
            "contact_detail": "",
            "information_as_of": "2026-03-01",
            "information_as_of_precision": "month",
            "information_as_of_basis": "",
            "last_confirmed": "2026-04-01",
            "source_note": "",
        }
    )
    # Lists are multiple values of one field, not nested forms.
    data["municipalities"] = [m.pk for m in municipalities]
    data["success_factors"] = []
    data["typologies"] = []
    return data


class CaseStudyPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_reference_data", verbosity=0)
        cls.index = case_index()
        cls.admin = with_totp(UserFactory(is_superuser=True))

    def setUp(self):
        self.client.force_login(self.admin)

    def test_case_pages_live_only_under_the_index_and_the_index_only_under_home(self):
        self.assertAllowedParentPageTypes(CaseStudyPage, {CaseStudyIndexPage})
        self.assertAllowedSubpageTypes(CaseStudyIndexPage, {CaseStudyPage})
        self.assertAllowedParentPageTypes(CaseStudyIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CaseStudyPage, set())

    def test_admin_creates_a_case_with_milestones_results_and_lessons_and_durations_are_computed(self):
        members = list(Municipality.objects.filter(name__in=["河合町", "広陵町", "上牧町"]))
        self.assertCanCreate(self.index, CaseStudyPage, case_form_data("試験の共同クラウド", members))
        page = CaseStudyPage.objects.get(slug="shiken-kyodo-cloud")
        assert page.live
        assert {m.name for m in page.municipalities.all()} == {"河合町", "広陵町", "上牧町"}
        assert page.study_to_procurement_months == 9
        assert page.procurement_to_go_live_months == 12
        assert page.first_go_live == datetime.date(2022, 1, 4)
        assert [r.after for r in page.results.all()] == ["30"]
        assert page.lessons[0].value["heading"] == "早めに首長を巻き込む"
        assert (page.information_as_of, page.information_as_of_precision) == (
            datetime.date(2026, 3, 1),
            "month",
        )

    def test_case_page_shows_wareki_dates_and_hides_the_contact_without_consent(self):
        page = case_study(
            title="和暦の事例",
            milestones=[("go_live", datetime.date(2011, 5, 1))],
            information_as_of=datetime.date(2026, 11, 1),
            contact_department="情報政策課",
            contact_consent=False,
        )
        html = self.client.get(page.url).content.decode()
        assert "平成23年（2011年）5月1日" in html
        assert "令和8年（2026年）11月1日" in html
        assert "情報政策課" not in html
        page.contact_consent = True
        page.save_revision().publish()
        assert "情報政策課" in self.client.get(page.url).content.decode()


class CaseWorkflowTests(WagtailPageTestCase):
    """The portal's 決裁: an advisor submits, another advisor approves, and only then is it published."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_reference_data", verbosity=0)
        call_command("load_cases", verbosity=0)
        cls.index = CaseStudyIndexPage.objects.get()
        cls.author = with_totp(member(Role.ADVISOR))
        cls.reviewer = with_totp(member(Role.ADVISOR))

    def test_advisors_join_the_editor_group_and_leave_it_when_their_membership_ends(self):
        assert self.author.groups.filter(name=EDITOR_GROUP).exists()
        membership = self.author.memberships.get()
        membership.state = "ended"
        membership.save()
        assert not self.author.groups.filter(name=EDITOR_GROUP).exists()

    def test_advisors_leave_the_editor_group_when_their_membership_is_deleted(self):
        self.author.memberships.get().delete()
        assert not self.author.groups.filter(name=EDITOR_GROUP).exists()

    def test_advisors_leave_the_editor_group_when_deactivated_and_rejoin_when_reactivated(self):
        self.author.is_active = False
        self.author.save()
        assert not self.author.groups.filter(name=EDITOR_GROUP).exists()
        self.author.is_active = True
        self.author.save()
        assert self.author.groups.filter(name=EDITOR_GROUP).exists()

    def test_staff_and_officials_are_not_editors(self):
        assert not member(Role.STAFF).groups.exists()
        assert not member(Role.OFFICIAL).groups.exists()

    def test_advisor_cannot_publish_directly_but_submits_for_review_and_approval_publishes(self):
        self.client.force_login(self.author)
        add_url = reverse("wagtailadmin_pages:add", args=["cases", "casestudypage", self.index.pk])
        self.client.post(
            add_url, {**case_form_data("決裁を経る事例", []), "action-publish": "action-publish"}
        )
        assert not CaseStudyPage.objects.filter(slug="shiken-kyodo-cloud", live=True).exists()

        CaseStudyPage.objects.filter(slug="shiken-kyodo-cloud").delete()
        response = self.client.post(
            add_url, {**case_form_data("決裁を経る事例", []), "action-submit": "action-submit"}
        )
        assert response.status_code == 302
        page = CaseStudyPage.objects.get(slug="shiken-kyodo-cloud")
        assert not page.live
        state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        # Drafts are not on the site, for anyone.
        reader = Client()
        reader.force_login(member(Role.OFFICIAL))
        assert "決裁を経る事例" not in reader.get("/cases/").content.decode()
        assert reader.get(f"/cases/{page.slug}/").status_code == 404

        self.client.force_login(self.reviewer)
        task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
        response = self.client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": "確認しました"},
        )
        assert response.status_code in (200, 302), response
        page = Page.objects.get(pk=page.pk).specific
        assert page.live
        assert "決裁を経る事例" in reader.get("/cases/").content.decode()

    def _draft_case(self):
        case = CaseStudyPage.objects.get(slug="tandoku-cloud")
        case.unpublish()
        return Page.objects.get(pk=case.pk)

    def test_advisor_cannot_publish_a_case_through_the_bulk_action(self):
        case = self._draft_case()
        self.client.force_login(self.author)
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={case.pk}"
        response = self.client.post(url, {})
        assert response.status_code == 302
        assert not Page.objects.get(pk=case.pk).live
        # Nor by publishing the index with its draft descendants.
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        self.client.post(url + f"?id={self.index.pk}", {"include_descendants": "on"})
        assert not Page.objects.get(pk=case.pk).live

    def test_admin_may_still_publish_a_case_through_the_bulk_action(self):
        case = self._draft_case()
        self.client.force_login(with_totp(UserFactory(is_superuser=True)))
        url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={case.pk}"
        self.client.post(url, {})
        assert Page.objects.get(pk=case.pk).live

    def test_advisor_cannot_publish_copies_of_a_case(self):
        case = CaseStudyPage.objects.get(slug="tandoku-cloud")
        self.client.force_login(self.author)
        url = reverse("wagtailadmin_pages:copy", args=[case.pk])
        data = {
            "new_title": "複製した事例",
            "new_slug": "fukusei-jirei",
            "new_parent_page": self.index.pk,
            "copy_subpages": "",
        }
        self.client.post(url, {**data, "publish_copies": "on"})
        assert not CaseStudyPage.objects.filter(slug="fukusei-jirei", live=True).exists()
        # A draft copy, to be sent for review, is fine.
        self.client.post(url, data)
        copy = CaseStudyPage.objects.get(slug="fukusei-jirei")
        assert not copy.live

    def _submit(self, user):
        self.client.force_login(user)
        add_url = reverse("wagtailadmin_pages:add", args=["cases", "casestudypage", self.index.pk])
        self.client.post(
            add_url, {**case_form_data("自己承認を試す事例", []), "action-submit": "action-submit"}
        )
        page = CaseStudyPage.objects.get(slug="shiken-kyodo-cloud")
        state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
        task_state = TaskState.objects.get(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS)
        url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
        return page, url

    def test_the_submitter_cannot_approve_their_own_case_but_another_advisor_can(self):
        page, approve_url = self._submit(self.author)
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert APPROVE_BUTTON not in self.client.get(edit_url).content.decode()
        self.client.post(approve_url, {"comment": "自分で承認"})
        assert not Page.objects.get(pk=page.pk).live
        # 「編集して承認」 from the editor is refused too, and so is the task's action itself.
        edit = {
            **case_form_data("自己承認を試す事例", []),
            "action-workflow-action": "on",
            "workflow-action-name": "approve",
        }
        self.client.post(edit_url, edit)
        assert not Page.objects.get(pk=page.pk).live
        task_state = page.current_workflow_task_state
        with pytest.raises(PermissionDenied):
            task_state.task.specific.on_action(task_state, self.author, "approve")
        assert not Page.objects.get(pk=page.pk).live

        self.client.force_login(self.reviewer)
        assert APPROVE_BUTTON in self.client.get(edit_url).content.decode()
        response = self.client.post(approve_url, {"comment": "確認しました"})
        assert response.status_code in (200, 302)
        assert Page.objects.get(pk=page.pk).live

    def test_advisor_sees_no_publish_button_on_a_case_but_an_admin_does(self):
        case = CaseStudyPage.objects.get(slug="tandoku-cloud")
        edit_url = reverse("wagtailadmin_pages:edit", args=[case.pk])
        self.client.force_login(self.author)
        html = self.client.get(edit_url).content.decode()
        assert 'name="action-submit"' in html
        assert 'name="action-publish"' not in html
        self.client.force_login(with_totp(UserFactory(is_superuser=True)))
        assert 'name="action-publish"' in self.client.get(edit_url).content.decode()
