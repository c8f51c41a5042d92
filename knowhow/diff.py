"""What changed between two versions of a post, as data the template renders escaped.

Japanese has no spaces between words, so a changed line is compared character by character: the
reader sees the few characters that changed, not a whole paragraph deleted and added again.
"""

import difflib
from dataclasses import dataclass

SAME, INSERTED, DELETED = "same", "inserted", "deleted"


@dataclass(frozen=True)
class Segment:
    kind: str  # SAME, INSERTED or DELETED
    text: str


@dataclass(frozen=True)
class Line:
    kind: str  # SAME, INSERTED, DELETED, or "changed" (the segments say what changed within it)
    segments: tuple[Segment, ...]


def inline(old: str, new: str) -> tuple[Segment, ...]:
    """The characters of `old` and `new` as kept, deleted and inserted runs."""
    segments = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(Segment(SAME, old[a1:a2]))
            continue
        if a2 > a1:
            segments.append(Segment(DELETED, old[a1:a2]))
        if b2 > b1:
            segments.append(Segment(INSERTED, new[b1:b2]))
    return tuple(segments)


def lines(old: str, new: str) -> list[Line]:
    """The lines of `new` against those of `old`; a line replaced by one line shows the characters."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    result = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            result += [Line(SAME, (Segment(SAME, text),)) for text in old_lines[a1:a2]]
        elif op == "replace" and a2 - a1 == b2 - b1:
            for before, after in zip(old_lines[a1:a2], new_lines[b1:b2], strict=True):
                result += _changed_line(before, after)
        else:
            result += [Line(DELETED, (Segment(DELETED, text),)) for text in old_lines[a1:a2]]
            result += [Line(INSERTED, (Segment(INSERTED, text),)) for text in new_lines[b1:b2]]
    return result


def _changed_line(before: str, after: str) -> list[Line]:
    # A line rewritten more than it was kept reads better as the old line deleted and the new one added.
    if difflib.SequenceMatcher(a=before, b=after, autojunk=False).ratio() < 0.5:
        return [Line(DELETED, (Segment(DELETED, before),)), Line(INSERTED, (Segment(INSERTED, after),))]
    return [Line("changed", inline(before, after))]


@dataclass(frozen=True)
class Change:
    """One edit: who replaced the text and when, and the differences."""

    edited_by: object
    edited_at: object
    title: tuple[Segment, ...]
    title_changed: bool
    body: list[Line]


def changes(post, revisions) -> list[Change]:
    """Each revision against the text that replaced it (the next revision, or the post as it is now),
    newest first."""
    revisions = list(revisions)
    result = []
    for index, revision in enumerate(revisions):
        after = revisions[index + 1] if index + 1 < len(revisions) else post
        result.append(
            Change(
                edited_by=revision.edited_by,
                edited_at=revision.edited_at,
                title=inline(revision.title, after.title),
                title_changed=revision.title != after.title,
                body=lines(revision.body, after.body),
            )
        )
    return result[::-1]
