"""Case studies as search documents (registered in CasesConfig.ready(); the search issue indexes them).

Choices are stored as their stable slugs, not their labels: a reader sees the label in their own
language, whichever language the indexer ran in. The page's documents (資料) lend their text and names,
except documents in a collection with a view restriction: the page's readers may not open those.
"""

from django.db.models import signals
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction

from cases.models import CaseStudyPage
from cases.models.choices import Arrangement
from search import indexing
from search.extraction import StoredFile, attachment_text
from search.registry import DocumentType, Visibility, plain_text, register


def prepare(page: CaseStudyPage) -> dict:
    published = page.first_published_at or page.latest_revision_created_at
    documents = open_documents(page)
    attachments, names = attachment_text(
        [
            StoredFile(name=d.filename, content_type=d.content_type, path=d.file.name, version=d.file_hash)
            for d in documents
        ],
        CASE_STUDY_KIND,
        page.pk,
    )
    return {
        "title": page.title,
        "summary": page.summary,
        "attachments": attachments,
        "attachment_names": [*names, *(d.title for d in documents)],
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


def open_documents(page: CaseStudyPage) -> list:
    """The page's documents that every reader of the page may open."""
    documents = [link.document for link in page.documents.all()]
    return [d for d in documents if not d.collection.get_view_restrictions().exists()]


def _lesson_text(block) -> str:
    if block.block_type == "paragraph":
        # The stored source, not str(): rendering would resolve every internal link with a query.
        return plain_text(block.value.source)
    return f"{block.value['heading']}\n{block.value['body']}"


def public_case_studies():
    """Live pages without a view restriction: a restricted page is not for everyone's search."""
    return CaseStudyPage.objects.live().public()


def published_case_studies():
    """The public case studies with what their documents read."""
    return public_case_studies().prefetch_related(
        "municipalities",
        "milestones",
        "results",
        "success_factors",
        "typologies",
        "documents__document__collection",
    )


def visibility(page: CaseStudyPage) -> Visibility:
    # The same decision as case.view: only published pages without a view restriction are indexed.
    return Visibility(public=page.live and not page.get_view_restrictions().exists())


CASE_STUDY_KIND = "case_study"

CASE_STUDY = DocumentType(
    name=CASE_STUDY_KIND,
    label=_("成功事例"),
    model=CaseStudyPage,
    prepare=prepare,
    queryset=published_case_studies,
    visibility=visibility,
    view_action="case.view",
    access_queryset=public_case_studies,
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
