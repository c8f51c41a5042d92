"""Scoring of the readiness self-assessment, built on the seed's success factors."""

from dataclasses import dataclass, field

from cases.models import Answer
from portal.localize import localized

POINTS = {Answer.YES: 1.0, Answer.PARTLY: 0.5, Answer.NO: 0.0}


@dataclass
class Item:
    slug: str
    title: str
    question: str
    advice: str
    weight: int
    answer: str

    @property
    def answer_label(self) -> str:
        return Answer(self.answer).label


@dataclass
class Result:
    score: int
    strengths: list[Item] = field(default_factory=list)
    gaps: list[Item] = field(default_factory=list)


def snapshot(factors, answers: dict[str, str]) -> dict[str, dict]:
    """The answers with the question, title, advice and weight as they were when answered, and the
    question's position: PostgreSQL's jsonb does not keep the keys in the order they were written."""
    return {
        factor.slug: {
            "position": position,
            "answer": answers[factor.slug],
            "title": factor.title,
            "question": factor.question,
            "advice": factor.advice,
            "title_en": factor.title_en,
            "question_en": factor.question_en,
            "advice_en": factor.advice_en,
            "weight": factor.weight,
        }
        for position, factor in enumerate(factors)
        if answers.get(factor.slug) in POINTS
    }


def score(saved: dict[str, dict], positions: dict[str, int] | None = None) -> Result:
    """0-100: each answer earns its factor's weight in full (はい), half (一部) or nothing (いいえ).

    Items come in question order: the saved position, else (for answers saved before positions
    were) the position given in `positions`, else by slug."""
    positions = positions or {}

    def order(entry):
        slug, row = entry
        return (row.get("position", positions.get(slug, len(positions))), slug)

    items = [
        Item(
            slug,
            # Answers saved before the English texts existed have only the Japanese.
            localized(row["title"], row.get("title_en", "")),
            localized(row["question"], row.get("question_en", "")),
            localized(row["advice"], row.get("advice_en", "")),
            int(row["weight"]),
            row["answer"],
        )
        for slug, row in sorted(saved.items(), key=order)
    ]
    possible = sum(item.weight for item in items)
    earned = sum(item.weight * POINTS[item.answer] for item in items)
    result = Result(score=round(100 * earned / possible) if possible else 0)
    for item in items:
        (result.strengths if item.answer == Answer.YES else result.gaps).append(item)
    return result
