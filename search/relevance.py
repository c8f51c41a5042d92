"""Labelled queries over the demo content, and the ranking metrics computed from them.

``relevance_queries.json`` holds 37 queries a member of staff would type (half-width ｸﾗｳﾄﾞ, hiragana,
synonyms, phrases, partial words, English and katakana variants), each with graded labels for the
documents that should come first, named by their title (titles of the demo's case studies, know-how
posts, FAQs and consultations are stable and read like what a person would look for):

- 3: the document the query is for;
- 2: clearly relevant (a broad query such as クラウド has many of these);
- 1: relevant, but not what one would want first.

Unlabelled documents count as 0. A query with a ``gap`` is one the portal does not answer well yet (the
reason says why); it is scored but held to no floor, so fixing it shows in the figures.

The test (tests/search/test_relevance.py) and bench/search.py run the
queries through the portal's own search and score the rankings with :func:`ndcg_at_k` and
:func:`reciprocal_rank`; the local node has no ``_rank_eval``, so the metrics are computed here.
"""

import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from search.query import Criteria, results_search

QUERIES_FILE = Path(__file__).with_name("relevance_queries.json")


@dataclass(frozen=True)
class LabelledQuery:
    query: str
    group: str  # width, hiragana, synonym, phrase, partial, words, english, katakana
    why: str
    labels: Mapping[str, int]  # document title → grade
    gap: str = ""  # why the portal does not answer this query well yet: scored, but held to no floor

    @property
    def best_grade(self) -> int:
        return max(self.labels.values(), default=0)

    def restricted_to(self, titles: set[str]) -> "LabelledQuery":
        """The same query with only the labels of documents that exist (e.g. kinds indexed so far)."""
        labels = {t: g for t, g in self.labels.items() if t in titles}
        return LabelledQuery(self.query, self.group, self.why, labels, self.gap)


def load_queries(path: Path = QUERIES_FILE) -> list[LabelledQuery]:
    entries = json.loads(path.read_text(encoding="utf-8"))
    return [LabelledQuery(e["query"], e["group"], e["why"], e["labels"], e.get("gap", "")) for e in entries]


def dcg(grades: Iterable[int]) -> float:
    """Discounted cumulative gain with exponential gain: (2^grade − 1) / log2(rank + 1), ranks from 1."""
    return sum((2**grade - 1) / math.log2(rank + 1) for rank, grade in enumerate(grades, start=1))


def ndcg_at_k(ranked: Sequence[str], labels: Mapping[str, int], k: int = 10) -> float:
    """DCG of the first ``k`` results over the DCG of the best possible order of the labelled documents.

    A document that appears twice (two consultations with one title) gains only at its first rank, so a
    ranking cannot beat the ideal by repeating a title. No labels: 0.
    """
    ideal = dcg(sorted(labels.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    seen: set[str] = set()
    grades = []
    for title in ranked[:k]:
        grades.append(0 if title in seen else labels.get(title, 0))
        seen.add(title)
    return dcg(grades) / ideal


def reciprocal_rank(ranked: Sequence[str], labels: Mapping[str, int], k: int | None = None) -> float:
    """1 / rank of the first result with any positive grade (within ``k`` if given); 0 if none."""
    for rank, title in enumerate(ranked[:k] if k else ranked, start=1):
        if labels.get(title, 0) > 0:
            return 1.0 / rank
    return 0.0


def best_rank(ranked: Sequence[str], labels: Mapping[str, int]) -> int | None:
    """Rank (from 1) of the first result carrying the query's highest grade; None if it is not there."""
    top = max(labels.values(), default=0)
    for rank, title in enumerate(ranked, start=1):
        if top and labels.get(title) == top:
            return rank
    return None


@dataclass
class QueryScore:
    query: LabelledQuery
    ranked: list[str]
    ndcg: float
    rr: float
    best_rank: int | None


@dataclass
class Evaluation:
    scores: list[QueryScore] = field(default_factory=list)
    skipped: list[LabelledQuery] = field(default_factory=list)  # no labelled document exists yet

    @property
    def mean_ndcg(self) -> float:
        return sum(s.ndcg for s in self.scores) / len(self.scores) if self.scores else 0.0

    @property
    def mrr(self) -> float:
        return sum(s.rr for s in self.scores) / len(self.scores) if self.scores else 0.0


def evaluate(
    run: Callable[[str], list[str]],
    queries: Iterable[LabelledQuery],
    existing_titles: set[str] | None = None,
    k: int = 10,
) -> Evaluation:
    """Run every query through ``run`` (query → ranked titles) and score it.

    With ``existing_titles``, labels of documents that do not exist are dropped first and a query left
    with none is skipped: the labels cover kinds (know-how posts, FAQs) that may not be indexed yet.
    """
    evaluation = Evaluation()
    for query in queries:
        if existing_titles is not None:
            query = query.restricted_to(existing_titles)
        if not query.labels:
            evaluation.skipped.append(query)
            continue
        ranked = run(query.query)
        evaluation.scores.append(
            QueryScore(
                query=query,
                ranked=ranked,
                ndcg=ndcg_at_k(ranked, query.labels, k),
                rr=reciprocal_rank(ranked, query.labels, k),
                best_rank=best_rank(ranked, query.labels),
            )
        )
    return evaluation


# --- The ranking under test ----------------------------------------------------------------------------

TEXT_FIELDS = ("title^3", "summary^2", "body", "attachments")


def portal_ranking(query: str, user, size: int = 10) -> list[str]:
    """The titles of the first ``size`` hits the search page gives ``user`` for ``query``: the page's own
    query (search.query.results_search), so the scores are the page's."""
    response = results_search(Criteria(text=query), user).extra(size=size).execute()
    return [hit.title for hit in response]
