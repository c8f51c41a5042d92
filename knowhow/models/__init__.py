"""The know-how exchange's models, one module per concern; `knowhow.models` names every one of them."""

from knowhow.models.faq import ConsentState, Faq, FaqConsent, FaqView, VendorName
from knowhow.models.following import DigestSent, DigestSubscription, Watch, WatchLevel
from knowhow.models.library import Attachment, PostCheck, Source, SourceKind
from knowhow.models.moderation import Flag, FlagReason, ModerationAction, ModerationKind
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
from knowhow.models.shared import JointInvitation

__all__ = [
    "WRITABLE_KINDS",
    "Answer",
    "Attachment",
    "Comment",
    "ConsentState",
    "Contribution",
    "DigestSent",
    "DigestSubscription",
    "Faq",
    "FaqConsent",
    "FaqView",
    "Flag",
    "FlagReason",
    "Helpful",
    "JointInvitation",
    "Kind",
    "ModerationAction",
    "ModerationKind",
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
    "VendorName",
    "Watch",
    "WatchLevel",
]
