"""The know-how exchange's models, one module per concern; `knowhow.models` names every one of them."""

from knowhow.models.library import Attachment, PostCheck, Source, SourceKind
from knowhow.models.posts import (
    WRITABLE_KINDS,
    Answer,
    Comment,
    Contribution,
    Helpful,
    Kind,
    Post,
    PostRevision,
    PostState,
    SameProblem,
    Tag,
    TaggedPost,
    TemplateKind,
)

__all__ = [
    "WRITABLE_KINDS",
    "Answer",
    "Attachment",
    "Comment",
    "Contribution",
    "Helpful",
    "Kind",
    "Post",
    "PostCheck",
    "PostRevision",
    "PostState",
    "SameProblem",
    "Source",
    "SourceKind",
    "Tag",
    "TaggedPost",
    "TemplateKind",
]
