"""Know-how's access rules and the querysets that mirror them, side by side.

Staff write for colleagues, not the public: every signed-in active member (staff of any municipality,
advisors, officials, admins) reads published posts; anonymous visitors and pending or ended members see
nothing. Drafts are their author's alone. Officials read but never write, answer, comment or mark. A
hidden post (flagged by three organisations, or kept hidden by an advisor) is its author's and the
advisors' only. A FAQ (made by an advisor from a solved consultation) is every advisor's in every state
(any advisor edits it), and its owning municipality's active staff's while their consent is asked,
given, refused or withdrawn; it is published only under their consent (knowhow.faq). Its revisions
(texts before the advisors' edits, unmasked ones among them) are for advisors and those staff only.
Registered with portal.access in KnowhowConfig.ready().
"""

from django.db.models import Q, QuerySet

from knowhow.models import Answer, Attachment, ConsentState, Faq, Kind, Post, PostState
from knowhow.models.faq import SHOWN_TO_CONSENTERS
from portal.access import is_advisor_like, is_community_member, municipality_of, role_of
from portal.models import Role

WRITERS = frozenset({Role.STAFF, Role.ADVISOR, Role.ADMIN})


def _member(user) -> bool:
    # A procurement consultant is not one of the community staff write for.
    return is_community_member(user)


def _writer(user) -> bool:
    return role_of(user) in WRITERS


def _is_author(user, contribution) -> bool:
    return contribution is not None and contribution.author_id == user.pk


def _list_posts(user, obj=None, **context) -> bool:
    return _member(user)


def _create_post(user, obj=None, **context) -> bool:
    return _writer(user)


def faq_of(post) -> Faq | None:
    """The FAQ record of a post of kind FAQ (None for every other post)."""
    if post is None or post.kind != Kind.FAQ:
        return None
    try:
        return post.faq
    except Faq.DoesNotExist:
        return None


def is_consenter(user, faq) -> bool:
    """Who decides for the owning municipality: its active staff. The consent is the municipality's, so
    the requester decides while they work there, and not after a move to another municipality."""
    if faq is None or role_of(user) != Role.STAFF:
        return False
    return municipality_of(user).pk == faq.owner_id


def _sees_faq(user, post) -> bool:
    faq = faq_of(post)
    if faq is None:
        return False
    return is_advisor_like(user) or (faq.consent in SHOWN_TO_CONSENTERS and is_consenter(user, faq))


def _view_post(user, post, **context) -> bool:
    if post is None or not _member(user):
        return False
    return (
        post.is_published
        or _is_author(user, post)
        or (post.is_hidden and is_advisor_like(user))
        or _sees_faq(user, post)
    )


def _edit_post(user, post, **context) -> bool:
    # A FAQ is the advisors' together: another advisor takes out a leftover name when its author is away.
    return _writer(user) and (_is_author(user, post) or (is_advisor_like(user) and faq_of(post) is not None))


def _publish_post(user, post, **context) -> bool:
    # A FAQ is published by its municipality's consent, never by its author alone.
    return _edit_post(user, post) and post.state == PostState.DRAFT and post.kind != Kind.FAQ


def _mark_obsolete(user, post, **context) -> bool:
    # Marking an obsolete post again corrects the reason shown on its banner.
    if post is None or not post.is_published:
        return False
    return is_advisor_like(user) or _edit_post(user, post)


def _verify(user, contribution, **context) -> bool:
    post = contribution.post if isinstance(contribution, Answer) else contribution
    return is_advisor_like(user) and post is not None and post.is_published


def _mark_helpful(user, contribution, **context) -> bool:
    """Anyone who writes may find someone else's post or answer helpful (one's own would be vanity)."""
    post = contribution.post if isinstance(contribution, Answer) else contribution
    return (
        _writer(user) and _view_post(user, post) and post.is_published and not _is_author(user, contribution)
    )


def _mark_same_problem(user, post, **context) -> bool:
    """A municipality says it has the same problem: its staff, on another municipality's question."""
    own = municipality_of(user)
    if own is None or post is None or not post.is_published or not post.is_question:
        return False
    return post.municipality_id != own.pk


def _reveal_author(user, contribution, **context) -> bool:
    """Who wrote an anonymous post, answer or comment: advisors, admins and the author themself."""
    if contribution is None or not _member(user):
        return False
    return not contribution.anonymous or is_advisor_like(user) or _is_author(user, contribution)


def _answer(user, post, **context) -> bool:
    return (
        _writer(user)
        and _view_post(user, post)
        and post.is_published
        and post.is_question
        and not post.obsolete
    )


def _accept_answer(user, answer, **context) -> bool:
    """The asker or an advisor picks the answer that solved a question."""
    if answer is None or not answer.post.is_published or not answer.post.is_question:
        return False
    return is_advisor_like(user) or (_writer(user) and _is_author(user, answer.post))


def _comment(user, post, **context) -> bool:
    return _writer(user) and _view_post(user, post) and post.is_published and not post.obsolete


def _flag(user, post, **context) -> bool:
    """Any reader may report a published post but its author: officials too, since a flag adds nothing
    to the exchange but a reason for an advisor to look (personal data is everyone's to report)."""
    return _member(user) and post is not None and post.is_published and not _is_author(user, post)


def _moderate(user, post=None, **context) -> bool:
    return is_advisor_like(user) and (post is None or post.is_published or post.is_hidden)


def _view_moderation_log(user, post, **context) -> bool:
    """Advisors, and the author, who is told why their post was hidden or restored."""
    return _view_post(user, post) and (is_advisor_like(user) or _is_author(user, post))


def _download(user, attachment, **context) -> bool:
    if attachment is None:
        return False
    return _view_post(user, attachment.post if attachment.post_id else attachment.answer.post)


def _review_queue(user, obj=None, **context) -> bool:
    return is_advisor_like(user)


def _derive(user, post, **context) -> bool:
    """A municipality makes its own version of another municipality's template."""
    own = municipality_of(user)
    if own is None or not _writer(user) or post is None:
        return False
    return (
        post.is_published
        and post.kind == Kind.TEMPLATE
        and not post.obsolete
        and post.municipality_id != own.pk
    )


def _mark_checked(user, post, **context) -> bool:
    return is_advisor_like(user) and post is not None and post.is_published and not post.obsolete


def _make_faq(user, material, **context) -> bool:
    """An advisor makes a FAQ from settled material (a resolved or closed consultation) with an owner."""
    return is_advisor_like(user) and material is not None and material.settled and material.owner is not None


def _keep_vendor_names(user, obj=None, **context) -> bool:
    """The vendor names masking leaves out are kept by advisors (and admins) in Wagtail's admin."""
    return is_advisor_like(user)


def _view_faq_origin(user, post, **context) -> bool:
    return is_advisor_like(user) and faq_of(post) is not None


def _request_consent(user, post, **context) -> bool:
    faq = faq_of(post)
    return (
        is_advisor_like(user)
        and faq is not None
        and post.is_draft
        and faq.consent not in (ConsentState.REQUESTED, ConsentState.GIVEN)
    )


def _decide_consent(user, post, **context) -> bool:
    faq = faq_of(post)
    return faq is not None and faq.consent == ConsentState.REQUESTED and is_consenter(user, faq)


def _withdraw_consent(user, post, **context) -> bool:
    faq = faq_of(post)
    return faq is not None and faq.consent == ConsentState.GIVEN and is_consenter(user, faq)


def _view_consent(user, post, **context) -> bool:
    """Who consented names the municipality: advisors and the municipality's own people only."""
    faq = faq_of(post)
    return _view_post(user, post) and (is_advisor_like(user) or is_consenter(user, faq))


def _ask(user, lent, **context) -> bool:
    """「この団体に聞く」: whoever writes asks the municipalities of lent material (a case study), as long as
    one of them is not their own."""
    if lent is None or not _writer(user):
        return False
    own = municipality_of(user)
    return any(own is None or municipality.pk != own.pk for municipality in lent.municipalities)


def _view_shared_problems(user, obj=None, **context) -> bool:
    """The ranking of problems several municipalities share: advisors, who invite, and officials, who
    read it; staff find their peers through the questions themselves."""
    return is_advisor_like(user) or role_of(user) == Role.OFFICIAL


def _invite(user, obj=None, **context) -> bool:
    """Inviting the municipalities of a shared problem to work together is the advisors' part."""
    return is_advisor_like(user)


def _name_anonymous(user, obj=None, **context) -> bool:
    """A municipality that took part only anonymously is named on the ranking as `contribution.reveal_author`
    names an anonymous author to someone else than the author: to advisors and admins."""
    return is_advisor_like(user)


def _view_revisions(user, post, **context) -> bool:
    """A FAQ's earlier texts may be the unmasked draft or a version its municipality refused: advisors
    and the municipality's own people only. Every other post's revisions are its readers'."""
    if faq_of(post) is None:
        return _view_post(user, post)
    return _view_consent(user, post)


RULES = {
    "post.list": _list_posts,
    "post.create": _create_post,
    "post.view": _view_post,
    "post.view_revisions": _view_revisions,
    "post.edit": _edit_post,
    "post.publish": _publish_post,
    "post.mark_obsolete": _mark_obsolete,
    "post.verify": _verify,
    "post.mark_helpful": _mark_helpful,
    "post.mark_same_problem": _mark_same_problem,
    "post.comment": _comment,
    "post.answer": _answer,
    "contribution.reveal_author": _reveal_author,
    "answer.accept": _accept_answer,
    "answer.verify": _verify,
    "answer.mark_helpful": _mark_helpful,
    "post.flag": _flag,
    "post.moderate": _moderate,
    "post.view_moderation_log": _view_moderation_log,
    "moderation.queue": _moderate,
    # Following: whoever reads may follow what they read, officials included (knowhow/following.py).
    "post.watch": _view_post,
    "topic.watch": _list_posts,
    "following.view": _list_posts,
    # Sources and freshness: the author cites; advisors see what is due and confirm it still holds.
    "post.cite": _edit_post,
    "post.review_queue": _review_queue,
    "post.mark_checked": _mark_checked,
    "post.derive": _derive,
    "post_file.download": _download,
    # FAQs from solved consultations (knowhow/faq.py).
    "faq.create": _make_faq,
    "faq.view_origin": _view_faq_origin,
    "faq.request_consent": _request_consent,
    "faq.consent": _decide_consent,
    "faq.refuse": _decide_consent,
    "faq.withdraw": _withdraw_consent,
    "faq.view_consent": _view_consent,
    "vendor_name.manage": _keep_vendor_names,
    "post.ask": _ask,
    "shared_problems.view": _view_shared_problems,
    "shared_problems.invite": _invite,
    "shared_problems.name_anonymous": _name_anonymous,
}


def posts_for(user) -> QuerySet[Post]:
    """Every post the user may open: the published ones, their own drafts and hidden posts, for
    advisors every hidden post and every FAQ, for the owning municipality's staff the FAQs whose
    consent is asked, given, refused or withdrawn; for active members only."""
    if not _member(user):
        return Post.objects.none()
    visible = Q(state=PostState.PUBLISHED) | Q(author=user)
    if is_advisor_like(user):
        visible |= Q(state=PostState.HIDDEN) | Q(kind=Kind.FAQ)
    elif role_of(user) == Role.STAFF:
        visible |= Q(kind=Kind.FAQ, faq__consent__in=SHOWN_TO_CONSENTERS, faq__owner=municipality_of(user))
    return Post.objects.filter(visible)


def published_posts_for(user) -> QuerySet[Post]:
    """What the list shows: published posts, for active members only."""
    return posts_for(user).filter(state=PostState.PUBLISHED)


def drafts_for(user) -> QuerySet[Post]:
    """The user's own drafts."""
    return posts_for(user).filter(state=PostState.DRAFT, author=user)


def answers_for(user) -> QuerySet[Answer]:
    """Answers on posts the user may open (so an answer's URL outside scope answers 404)."""
    return Answer.objects.filter(post__in=posts_for(user))


def attachments_for(user) -> QuerySet[Attachment]:
    """Files on posts (and their answers) the user may open, so a file outside scope answers 404."""
    visible = posts_for(user)
    return Attachment.objects.filter(Q(post__in=visible) | Q(answer__post__in=visible))


def opens_post(user, *, pk: int) -> bool:
    """For portal.links: whether a post's page opens for ``user``."""
    return posts_for(user).filter(pk=pk).exists()
