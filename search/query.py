"""Query building for the search page and the autocomplete, as plain functions over elasticsearch-dsl.

Every query carries the reader's visibility filter in the query itself, so hits, totals, facets and
suggestions are computed only over what the reader may find (the hits shown are checked once more in the
view). Functions return ``Search`` objects (composable, testable with ``to_dict()``) or result dataclasses.
"""

from dataclasses import dataclass, field

from elasticsearch.dsl import Q, Search

from search.analysis import to_katakana
from search.client import get_client
from search.documents import CONSULTATIONS, KNOWLEDGE, alias
from search.visibility import visibility_filter

PAGE_SIZE = 10
# Elasticsearch refuses from+size beyond index.max_result_window (10,000) and deep pages cost more the
# further they go: the page offers the first 50 pages and asks the reader to narrow the search.
MAX_PAGES = 50
MAX_RESULTS = PAGE_SIZE * MAX_PAGES
SUGGEST_SIZE = 8
FACET_SIZE = 50
# The suggester runs on the whole index; a correction is offered only when the reader may see a match.
FEW_HITS = 3

# GET parameter → document field; the order is the facets' order on the page.
FACETS = {
    "kind": "kind",
    "area": "system_areas",
    "municipality": "municipalities",
    "arrangement": "arrangement",
    "category": "category",
    "year": "year",
    "tag": "tags",
}

TEXT_FIELDS = ("title^4", "summary^2", "body", "attachments", "attachment_names")
# Partial words (「クラウ」): the 2–3 grams match almost anything, so they count for less.
NGRAM_FIELDS = ("title.ngram^1.5", "summary.ngram^0.7", "body.ngram^0.3", "attachments.ngram^0.2")
HIGHLIGHT_FIELDS = ("title", "summary", "body", "attachments", "title.ngram", "body.ngram")


class Sort:
    RELEVANCE = "relevance"
    DATE = "date"
    ALL = (RELEVANCE, DATE)


@dataclass(frozen=True)
class Criteria:
    """What the reader asked for: text, facet selections (``{param: (values…)}``), sort and page."""

    text: str = ""
    selected: dict = field(default_factory=dict)
    sort: str = Sort.RELEVANCE
    page: int = 1

    @property
    def empty(self) -> bool:
        return not self.text and not any(self.selected.values())


def indexes() -> list[str]:
    return [alias(KNOWLEDGE), alias(CONSULTATIONS)]


def text_query(text: str) -> Q:
    """Whole words (with synonyms) on the main fields, fragments on ``.ngram``, phrases boosted."""
    return Q(
        "bool",
        should=[
            Q("multi_match", query=text, fields=list(TEXT_FIELDS), type="best_fields"),
            Q(
                "multi_match",
                query=text,
                fields=list(NGRAM_FIELDS),
                type="best_fields",
                minimum_should_match="75%",
            ),
            Q("multi_match", query=text, fields=list(TEXT_FIELDS), type="phrase", boost=3),
            # Kana typed for a kanji title (「じちたい」 → 自治体): the title's readings, by prefix.
            Q("match", **{"title.reading": {"query": to_katakana(text), "boost": 0.5}}),
        ],
        minimum_should_match=1,
    )


def facet_filters(selected: dict) -> list[Q]:
    return [
        Q("terms", **{FACETS[param]: list(values)})
        for param, values in selected.items()
        if param in FACETS and values
    ]


def results_search(criteria: Criteria, user) -> Search:
    """One query over both indexes: hits of one page, total, facets, highlights and typo suggestions."""
    search = Search(using=get_client(), index=indexes()).extra(track_total_hits=True)
    search = search.query(text_query(criteria.text) if criteria.text else Q("match_all"))
    search = search.filter(visibility_filter(user))
    for facet in facet_filters(criteria.selected):
        search = search.filter(facet)
    for param, name in FACETS.items():
        search.aggs.bucket(param, "terms", field=name, size=FACET_SIZE)
    if criteria.sort == Sort.DATE:
        search = search.sort(
            {"updated": {"order": "desc", "missing": "_last"}},
            {"created": {"order": "desc", "missing": "_last"}},
        )
    if criteria.text:
        # encoder "html" escapes the document's own text around the <mark> tags: user text stays text.
        search = search.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            fragment_size=120,
            number_of_fragments=2,
        ).highlight(*HIGHLIGHT_FIELDS)
        search = search.suggest("typo", criteria.text, term={"field": "body", "suggest_mode": "always"})
        search = search.suggest(
            "typo_title", criteria.text, term={"field": "title", "suggest_mode": "always"}
        )
    page = min(max(criteria.page, 1), MAX_PAGES)
    start = (page - 1) * PAGE_SIZE
    return search.source(["title", "summary", "url", "kind", "updated", "created"])[start : start + PAGE_SIZE]


def correction(text: str, response) -> tuple[str, list[str]] | None:
    """The query with each misspelt word replaced by the suggester's best option, and those options."""
    suggest = getattr(response, "suggest", None)
    if not suggest:
        return None
    best: dict[tuple[int, int], tuple[float, str]] = {}
    for name in ("typo", "typo_title"):
        for entry in getattr(suggest, name, []):
            for option in entry.options[:1]:
                key = (entry.offset, entry.length)
                if option.text != entry.text and option.score > best.get(key, (0, ""))[0]:
                    best[key] = (option.score, option.text)
    if not best:
        return None
    corrected, replaced = text, []
    for (offset, length), (_, option) in sorted(best.items(), reverse=True):
        corrected = corrected[:offset] + option + corrected[offset + length :]
        replaced.append(option)
    return corrected, replaced


def correction_check(words: list[str], user) -> Search:
    """Counts the documents the reader may see that contain every suggested word."""
    search = (
        Search(using=get_client(), index=indexes())
        .filter(visibility_filter(user))
        .extra(size=0, track_total_hits=True)
    )
    for word in words:
        search = search.query(Q("multi_match", query=word, fields=list(TEXT_FIELDS), operator="and"))
    return search


def suggest_search(text: str, user, size: int = SUGGEST_SIZE) -> Search:
    """Titles for autocomplete: kana readings by prefix (「じちた」 → 自治体クラウド), fragments, words."""
    return (
        Search(using=get_client(), index=indexes())
        .query(
            Q(
                "bool",
                should=[
                    Q("match", **{"title.reading": {"query": to_katakana(text), "operator": "and"}}),
                    Q("match", **{"title.ngram": {"query": text, "minimum_should_match": "75%"}}),
                    Q("match", title={"query": text, "operator": "and", "boost": 2}),
                ],
                minimum_should_match=1,
            )
        )
        .filter(visibility_filter(user))
        .source(["title", "url", "kind"])[:size]
    )
