"""Case studies as search documents (registered in CasesConfig.ready(); the search issue indexes them).

Choices are stored as their stable slugs, not their labels: a reader sees the label in their own
language, whichever language the indexer ran in.
"""

from django.db.models import signals
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from cases.models import CaseStudyPage
from cases.models.choices import Arrangement
from search import indexing
from search.registry import DocumentType, Visibility, plain_text, register


def prepare(page: CaseStudyPage) -> dict:
    published = page.first_published_at or page.latest_revision_created_at
    return {
        "title": page.title,
        "summary": page.summary,
        "body": "\n".join(
            [
                plain_text(page.characteristics),
                *(_lesson_text(block) for block in page.lessons),
                *(f"{r.metric} {r.before} {r.after} {r.unit} {r.note}" for r in page.results.all()),
                *(m.label for m in page.milestones.all()),
                page.vendor,
                page.package,
                page.procurement_method,
                *page.other_body_list,
                *(factor.title for factor in page.success_factors.all()),
                *(entry.title for entry in page.typologies.all()),
            ]
        ),
        # The page's public address (url_path is its place in the tree, starting with the site root's slug).
        "url": page.get_url() or "",
        "municipalities": [str(m.pk) for m in page.municipalities.all()],
        "arrangement": page.arrangement,
        "category": page.system,
        "created": published.isoformat() if published else None,
        "updated": page.last_published_at.isoformat() if page.last_published_at else None,
        "year": published.year if published else None,
    }


def _lesson_text(block) -> str:
    if block.block_type == "paragraph":
        # The stored source, not str(): rendering would resolve every internal link with a query.
        return plain_text(block.value.source)
    return f"{block.value['heading']}\n{block.value['body']}"


def published_case_studies():
    """Live pages without a view restriction: a restricted page is not for everyone's search."""
    return (
        CaseStudyPage.objects.live()
        .public()
        .prefetch_related("municipalities", "milestones", "results", "success_factors", "typologies")
    )


def visibility(page: CaseStudyPage) -> Visibility:
    # The same decision as case.view: only published pages without a view restriction are indexed.
    return Visibility(public=page.live and not page.get_view_restrictions().exists())


CASE_STUDY = DocumentType(
    name="case_study",
    label=_("成功事例"),
    model=CaseStudyPage,
    prepare=prepare,
    queryset=published_case_studies,
    visibility=visibility,
    view_action="case.view",
    choice_labels={"arrangement": dict(Arrangement.choices)},
)


def _restriction_changed(sender, instance, **kwargs):
    """A view restriction (added or lifted in Wagtail) decides for its page and every page below it, and
    saves none of them: their documents are recorded as changed here."""
    pages = Page.objects.descendant_of(instance.page, inclusive=True).type(CaseStudyPage)
    indexing.changed_many(CASE_STUDY.name, pages.values_list("pk", flat=True))


def register_documents() -> None:
    register(CASE_STUDY)
    signals.post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="cases-search")
    signals.post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="cases-search")
