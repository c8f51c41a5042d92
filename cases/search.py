"""Case studies as search documents (registered in CasesConfig.ready(); the search issue indexes them).

Choices are stored as their stable slugs, not their labels: a reader sees the label in their own
language, whichever language the indexer ran in.
"""

from elasticsearch.dsl import Date, Float, Integer, Keyword, Object

from cases.models import CaseStudyPage
from search.analysis import japanese_text
from search.registry import DocumentType, Visibility, plain_text, register

FIELDS = {
    "url_path": Keyword(),
    "title": japanese_text(),
    "summary": japanese_text(),
    "municipalities": Keyword(),
    "other_bodies": Keyword(),
    "arrangement": Keyword(),
    "organisation": Keyword(),
    "purpose": Keyword(),
    "system": Keyword(),
    "business_area_count": Integer(),
    "vendor": japanese_text(),
    "package": japanese_text(),
    "procurement_method": japanese_text(),
    "cost_reduction_percent": Float(),
    "milestones": Object(properties={"kind": Keyword(), "date": Date(), "label": japanese_text()}),
    "results": Object(
        properties={
            "metric": japanese_text(),
            "before": Keyword(),
            "after": Keyword(),
            "unit": Keyword(),
            "note": japanese_text(),
        }
    ),
    "characteristics": japanese_text(),
    "lessons": japanese_text(),
    "success_factors": Keyword(),
    "typologies": Keyword(),
    "information_as_of": Date(),
    "last_confirmed": Date(),
}


def prepare(page: CaseStudyPage) -> dict:
    return {
        "url_path": page.url_path,
        "title": page.title,
        "summary": page.summary,
        "municipalities": [m.name for m in page.municipalities.all()],
        "other_bodies": page.other_body_list,
        "arrangement": page.arrangement,
        "organisation": page.organisation,
        "purpose": page.purpose,
        "system": page.system,
        "business_area_count": page.business_area_count,
        "vendor": page.vendor,
        "package": page.package,
        "procurement_method": page.procurement_method,
        "cost_reduction_percent": (
            float(page.cost_reduction_percent) if page.cost_reduction_percent is not None else None
        ),
        "milestones": [
            {"kind": m.kind, "date": m.date.isoformat(), "label": m.label} for m in page.milestones.all()
        ],
        "results": [
            {"metric": r.metric, "before": r.before, "after": r.after, "unit": r.unit, "note": r.note}
            for r in page.results.all()
        ],
        "characteristics": plain_text(page.characteristics),
        "lessons": [_lesson_text(block) for block in page.lessons],
        "success_factors": [factor.title for factor in page.success_factors.all()],
        "typologies": [entry.title for entry in page.typologies.all()],
        "information_as_of": page.information_as_of.isoformat() if page.information_as_of else None,
        "last_confirmed": page.last_confirmed.isoformat() if page.last_confirmed else None,
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
    # Hidden, rather than shown to the wrong people, until the search issue maps view restrictions.
    return Visibility(public=page.live and not page.get_view_restrictions().exists())


CASE_STUDY = DocumentType(
    name="case_study",
    model=CaseStudyPage,
    fields=FIELDS,
    prepare=prepare,
    queryset=published_case_studies,
    visibility=visibility,
)


def register_documents() -> None:
    register(CASE_STUDY)
