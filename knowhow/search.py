"""Know-how posts (FAQs among them) as search documents, registered in KnowhowConfig.ready().

One document per published post, with its answers' texts (the accepted answer first): what readers find
is what the post page shows them. Drafts and hidden posts are not in the index; a FAQ is published only
under its municipality's consent (knowhow.faq), so a lapse or a withdrawal takes it out. A FAQ's text
is the masked one its post carries, never the consultation it was made from.

A FAQ is a post of kind FAQ, so it is this type's document too (category ``faq``): the post page, the
related items and the similar questions all deal with the post, and every change of a FAQ that readers
see saves its post.

An anonymous post names no municipality in any field: neither as author nor among the municipalities.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from knowhow.files import AREA
from knowhow.models import Answer, Kind, Post, PostState
from portal.models import Role
from search.extraction import StoredFile, attachment_text
from search.registry import DocumentType, Visibility, register

# Every active member reads published posts (knowhow.policy); anonymous, pending and ended people none.
READERS = frozenset(Role.values)

SUMMARY_CHARS = 200


class Status:
    OBSOLETE = "obsolete"
    SOLVED = "solved"
    UNSOLVED = "unsolved"
    VERIFIED = "verified"


STATUS_LABELS = {
    Status.OBSOLETE: _("廃止"),
    Status.SOLVED: _("解決済み"),
    Status.UNSOLVED: _("未解決"),
    Status.VERIFIED: _("CIO補佐官確認済"),
}


def answers_in_order(post: Post) -> list[Answer]:
    """The accepted answer first, then the others as the page lists them."""
    answers = list(post.answers.all())
    return sorted(answers, key=lambda answer: answer.pk != post.accepted_answer_id)


def statuses(post: Post) -> list[str]:
    found = []
    if post.obsolete:
        found.append(Status.OBSOLETE)
    if post.is_question:
        found.append(Status.SOLVED if post.is_solved else Status.UNSOLVED)
    if post.verified_at is not None:
        found.append(Status.VERIFIED)
    return found


def municipalities(post: Post) -> list[str]:
    """Who the post is about: its author's municipality unless anonymous, and those a question asks."""
    pks = {m.pk for m in post.addressed_to.all()}
    if post.municipality_id and not post.anonymous:
        pks.add(post.municipality_id)
    return sorted(str(pk) for pk in pks)


def files(post: Post) -> list[StoredFile]:
    """The post's files and its answers': every reader of the post may download them (post_file.download)."""
    attachments = [
        *post.attachments.all(),
        *(a for answer in post.answers.all() for a in answer.attachments.all()),
    ]
    return [
        StoredFile(name=a.name, content_type=a.content_type, path=a.stored_name, area=AREA)
        for a in attachments
    ]


def prepare(post: Post) -> dict:
    published = post.published_at or post.created_at
    attachments, names = attachment_text(files(post), KNOWHOW_KIND, post.pk)
    return {
        "title": post.title,
        "summary": post.body.strip()[:SUMMARY_CHARS],
        "body": "\n".join([post.body, *(answer.body for answer in answers_in_order(post))]),
        "attachments": attachments,
        "attachment_names": names,
        "url": reverse("knowhow:detail", args=[post.pk]),
        "tags": sorted(tag.name for tag in post.tags.all()),
        "system_areas": sorted(str(area.pk) for area in post.system_areas.all()),
        "category": post.kind,
        "author_municipality": None
        if post.anonymous or not post.municipality_id
        else str(post.municipality_id),
        "municipalities": municipalities(post),
        "status": statuses(post),
        "created": published.isoformat(),
        "updated": post.updated_at.isoformat(),
        "year": published.year,
    }


def posts_open_to_every_member():
    """Exactly the posts every member may open (knowhow.policy.published_posts_for)."""
    return Post.objects.filter(state=PostState.PUBLISHED).select_related("faq")


def published_posts():
    """The posts every member may open, with what their documents read."""
    return posts_open_to_every_member().prefetch_related(
        "tags",
        "system_areas",
        "addressed_to",
        "attachments",
        Prefetch(
            "answers", queryset=Answer.objects.order_by("created_at", "pk").prefetch_related("attachments")
        ),
    )


def visibility(post: Post) -> Visibility:
    # post.view: a published post is every active member's, whatever their role or municipality.
    return Visibility(roles=READERS if post.state == PostState.PUBLISHED else frozenset())


KNOWHOW_KIND = "knowhow_post"

KNOWHOW_POST = DocumentType(
    name=KNOWHOW_KIND,
    label=_("ノウハウ"),
    model=Post,
    prepare=prepare,
    queryset=published_posts,
    visibility=visibility,
    view_action="post.view",
    access_queryset=posts_open_to_every_member,
    choice_labels={"category": dict(Kind.choices), "status": STATUS_LABELS},
)


def register_documents() -> None:
    register(KNOWHOW_POST)
