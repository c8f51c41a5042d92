"""The two indexes and the one shape of their documents.

- ``knowledge``: what members share — case studies, know-how posts with their answers, FAQs.
- ``consultations``: consultations, found only by the people ``consultation.view`` admits.

Each is an alias (``<ELASTICSEARCH_INDEX_PREFIX>-<key>``) over one concrete index
(``<alias>-<timestamp>``): a rebuild fills a fresh index and moves the alias in one request, so searches
never see a half-built index. Every document has the same fields, whatever its kind, so one query, one
set of facets and one highlighter serve every kind.

Identifiers (municipalities, system areas) are stored as pks and choices as stable slugs: a reader sees
the names and labels in their own language, whichever language the indexer ran in.
"""

import copy

from django.conf import settings
from elasticsearch.dsl import Boolean, Date, Integer, Keyword, Mapping, Object

from search.analysis import japanese_text, load_synonyms

KNOWLEDGE = "knowledge"
CONSULTATIONS = "consultations"
INDEXES = (KNOWLEDGE, CONSULTATIONS)

# Filled by prepare() (any subset); kind, visibility and digest are the indexer's own.
COMMON_FIELDS = {
    "title": japanese_text(),
    "summary": japanese_text(),
    "body": japanese_text(),
    "attachments": japanese_text(),  # text extracted from the attachments the document's readers may open
    "attachment_names": japanese_text(),
    "url": Keyword(index=False),
    "municipalities": Keyword(),  # pks of the municipalities the item is about or belongs to
    "author_municipality": Keyword(),  # pk; absent when anonymous or written by the prefecture
    "system_areas": Keyword(),  # SystemArea pks
    "tags": Keyword(),
    "category": Keyword(),
    "arrangement": Keyword(),
    "status": Keyword(),
    "reference": Keyword(),
    "created": Date(),
    "updated": Date(),
    "year": Integer(),
}

INDEXER_FIELDS = {
    "kind": Keyword(),
    "visibility": Object(properties={"public": Boolean(), "municipalities": Keyword(), "roles": Keyword()}),
    "digest": Keyword(index=False),
}


def alias(key: str) -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{key}"


def index_pattern(key: str) -> str:
    """Every concrete index of ``key``: the live one and one being rebuilt."""
    return f"{alias(key)}-*"


def index_body(synonyms: list[str] | None = None) -> dict:
    """Settings and mappings of a new index; ``synonyms`` replace the rules of ``search/synonyms.txt``."""
    mapping = Mapping()
    for name, field in {**COMMON_FIELDS, **INDEXER_FIELDS}.items():
        mapping.field(name, field)
    mapping.meta("dynamic", "strict")
    analysis = copy.deepcopy(mapping._collect_analysis())
    rules = load_synonyms() if synonyms is None else synonyms
    # synonym_graph refuses an empty rule list; a rule that maps a word to itself changes nothing.
    analysis["filter"]["ja_synonyms"]["synonyms"] = rules or ["窓口 => 窓口"]
    return {
        "settings": {
            "number_of_shards": settings.ELASTICSEARCH_SHARDS,
            "number_of_replicas": settings.ELASTICSEARCH_REPLICAS,
            "analysis": analysis,
        },
        "mappings": mapping.to_dict(),
    }
