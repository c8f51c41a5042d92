"""Related items and similar questions: queries that another page shows beside its own content.

Every query carries :func:`search.visibility.visibility_filter`, and every hit shown is checked again with
``portal.access`` against its document type's ``view_action`` (defence in depth: a stale document, or a
visibility that disagrees with the rule, never shows an object).
"""

import logging
from dataclasses import dataclass
from typing import Any

from elasticsearch import ApiError, TransportError
from elasticsearch.dsl import Q, Search
from wagtail.models import Page

from search import registry
from search.client import get_client
from search.documents import CONSULTATIONS, KNOWLEDGE, alias
from search.visibility import visibility_filter

logger = logging.getLogger(__name__)

# Related items and similar questions are part of another page: they answer quickly or not at all.
INLINE_TIMEOUT = 2  # seconds
# Hits the access check may still refuse: fetch a few more than are shown.
OVERFETCH = 3
MORE_LIKE_THIS_FIELDS = ["title", "summary", "body"]
SIMILAR_FIELDS = ["title^3", "summary^2", "body", "title.ngram"]
SIMILAR_TEXT_LIMIT = 2000  # characters of the form's text that are sent


class EngineUnavailable(Exception):
    """The engine did not answer: the caller shows the page without what it would have added."""


@dataclass(frozen=True)
class Item:
    """One document shown in a list of related or similar items."""

    kind: str
    kind_label: Any
    title: str
    url: str
    obj: Any


def _inline_client():
    return get_client().options(request_timeout=INLINE_TIMEOUT, max_retries=0)


def _url_of(obj, source: dict) -> str:
    # A page's own URL is the one its site serves; the stored url is a fallback for other kinds.
    if isinstance(obj, Page):
        return obj.get_url() or source.get("url", "")
    return source.get("url", "")


def _checked(user, hits, size: int) -> list[Item]:
    """The hits' objects, loaded through their types' querysets and kept only if ``user`` may view them."""
    objects = registry.viewable(user, [hit.meta.id for hit in hits])
    items = []
    for hit in hits:
        if hit.meta.id not in objects:
            continue
        document_type, obj = objects[hit.meta.id]
        source = hit.to_dict()
        # The object's own title: the database is the truth, a document may be a change behind.
        title = getattr(obj, "title", "") or source.get("title", "")
        items.append(Item(document_type.name, document_type.label, title, _url_of(obj, source), obj))
        if len(items) == size:
            break
    return items


def _execute(search: Search):
    try:
        return search.execute()
    except (ApiError, TransportError) as error:
        logger.warning("Search engine did not answer: %s", error)
        raise EngineUnavailable from error


def related(user, obj, size: int = 5) -> list[Item]:
    """Up to ``size`` knowledge documents like ``obj``'s own (more_like_this), never ``obj`` itself.

    Empty for an object whose model is not a searchable knowledge kind; raises EngineUnavailable.
    """
    document_type = registry.for_model(type(obj.specific) if isinstance(obj, Page) else type(obj))
    if document_type is None or document_type.index != KNOWLEDGE:
        return []
    document_id = document_type.document_id(obj.pk)
    like = Q(
        "more_like_this",
        fields=MORE_LIKE_THIS_FIELDS,
        like=[{"_index": alias(KNOWLEDGE), "_id": document_id}],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=25,
        minimum_should_match="10%",
    )
    search = (
        Search(using=_inline_client(), index=alias(KNOWLEDGE))
        .query(
            Q(
                "bool",
                must=[like],
                filter=[visibility_filter(user)],
                must_not=[Q("ids", values=[document_id])],
            )
        )
        .source(["title", "url"])
        .extra(size=size * OVERFETCH)
    )
    return _checked(user, _execute(search), size)


def similar(user, text: str, *, consultations: bool = False, size: int = 5) -> list[Item]:
    """Up to ``size`` documents like a text being written (a question's or a consultation's title and body).

    Knowledge documents always; with ``consultations``, also the consultations the user may find.
    """
    text = " ".join((text or "").split())[:SIMILAR_TEXT_LIMIT]
    if not text:
        return []
    indexes = [alias(KNOWLEDGE)] + ([alias(CONSULTATIONS)] if consultations else [])
    query = Q(
        "bool",
        must=[Q("multi_match", query=text, fields=SIMILAR_FIELDS, minimum_should_match="30%")],
        filter=[visibility_filter(user)],
    )
    search = (
        Search(using=_inline_client(), index=",".join(indexes))
        .query(query)
        .source(["title", "url"])
        .extra(size=size * OVERFETCH)
    )
    return _checked(user, _execute(search), size)
