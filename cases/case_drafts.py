"""The case-studies app's drafter for portal.case_drafts (registered in apps.py): another app's matter
becomes an unpublished CaseStudyPage under the index, submitted to the 決裁 by the person who asked,
so an advisor other than them reviews and approves it before anyone reads it.

The draft's classification is the nearest the matter allows: a joint procurement of core systems is
filed as 共同クラウド / 基幹システム, which the reviewer corrects in the admin when the group shared
something else."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cases.models import (
    RESERVED_SLUGS,
    Arrangement,
    CaseResult,
    CaseStudyIndexPage,
    CaseStudyPage,
    Milestone,
)
from cases.models import System as CaseSystem
from portal import access, case_drafts


def _free_slug(index: CaseStudyIndexPage, key: str) -> str:
    base = slugify(f"kyodoka-{key}")[:70] or "kyodoka"
    taken = set(index.get_children().values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _draft(request: case_drafts.CaseDraftRequest) -> int:
    index = CaseStudyIndexPage.objects.first()
    if index is None:
        raise case_drafts.CaseDraftError(
            _("事例の一覧ページがないため、事例の下書きを作れません。管理者に連絡してください。")
        )
    workflow = index.get_workflow()
    if workflow is None:
        raise case_drafts.CaseDraftError(
            _("事例の決裁が設定されていないため、下書きを作れません。管理者に連絡してください。")
        )
    page = CaseStudyPage(
        title=request.title,
        slug=_free_slug(index, request.key),
        summary=request.summary,
        arrangement=Arrangement.JOINT_CLOUD,
        organisation=request.organisation.value,
        system=CaseSystem.CORE,
        business_area_count=request.business_area_count,
        cost_reduction_percent=request.cost_reduction_percent,
        source_note=request.source_note[:300],
        information_as_of=timezone.localdate(),
        live=False,
    )
    page.municipalities = list(request.municipalities)
    page.milestones = [
        Milestone(kind=row.step.value, date=row.date, precision="day", label=row.label[:200])
        for row in request.timeline
    ]
    page.results = [
        CaseResult(
            metric=figure.metric[:100],
            before=figure.before[:50],
            after=figure.after[:50],
            unit=figure.unit[:20],
            note=figure.note[:300],
        )
        for figure in request.figures
    ]
    page.lessons = [("lesson", {"heading": _("検討会の教訓"), "body": request.lessons})]
    index.add_child(instance=page)
    page.save_revision(user=request.actor)
    workflow.start(page, request.actor)
    return page.pk


def _edit_url(user, reference: int) -> str:
    if not access.can(user, "case.edit") or not CaseStudyPage.objects.filter(pk=reference).exists():
        return ""
    return reverse("wagtailadmin_pages:edit", args=[reference])


DRAFTER = case_drafts.Drafter(name="case_study", draft=_draft, edit_url=_edit_url)
