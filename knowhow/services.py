"""Every write in the know-how exchange: one function per use case, one transaction each, access first.

A post's `version` grows by one on every change to what it shows (text, state, answers, acceptance,
verification), under the post's row lock, so the search index can take it as an external version.
"""

import uuid
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knowhow import files, mentions, policy, shared_problems
from knowhow.models import (
    Answer,
    Attachment,
    Comment,
    ConsentState,
    DigestSubscription,
    Faq,
    FaqConsent,
    Helpful,
    JointInvitation,
    Kind,
    Post,
    PostCheck,
    PostRevision,
    PostState,
    SameProblem,
    Source,
    SourceKind,
    Tag,
    Watch,
    WatchLevel,
)
from knowhow.models.faq import LAPSES_ON_CHANGE
from knowhow.models.moderation import REASON_MAX
from knowhow.notifications import (
    ACCEPTED,
    ANSWER,
    COMMENT,
    NEW_POST,
    notify,
    notify_addressed,
    notify_invitation,
)
from knowhow.search import KNOWHOW_POST
from portal import access, joint_work, material
from portal.models import Municipality, SystemArea, User
from portal.sanitize import has_control_characters
from portal.uploads import CheckedUpload, ensure_checked
from portal.uploads.storage import removed_unless_committed
from portal.validators import LineRule, TitleRule
from search import indexing

# The one title rule of posts: the form's field and the services apply it.
POST_TITLE = TitleRule(
    required=gettext_lazy("タイトルを入力してください。"),
    one_line=gettext_lazy("タイトルに改行や制御文字は使えません。1行で入力してください。"),
    too_long=gettext_lazy("タイトルは200文字以内で入力してください。"),
)
VERSION_NOTE = LineRule(gettext_lazy("版の説明は1行・200文字以内で入力してください。"))
OBSOLETE_NOTE = LineRule(gettext_lazy("廃止の理由は1行・200文字以内で入力してください。"))
SOURCE_TITLE = TitleRule(
    required=gettext_lazy("名称を入力してください。"),
    one_line=gettext_lazy("名称は1行・200文字以内で入力してください。"),
    too_long=gettext_lazy("名称は1行・200文字以内で入力してください。"),
)
SOURCE_NUMBER = LineRule(gettext_lazy("番号は1行・100文字以内で入力してください。"), max_length=100)
TAGS_MAX = 10
TAG_MAX = 50


class KnowhowError(ValidationError):
    """A rule of the know-how exchange said no; the message is for the user."""


class StalePost(KnowhowError):
    def __init__(self):
        super().__init__(
            gettext_lazy(
                "この投稿は、あなたが画面を開いた後に更新されました。最新の内容を確認してから、もう一度編集してください。"
            )
        )


def as_typed(value: str) -> str:
    """A body as typed, with one kind of line break and no surrounding blank lines."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def checked_by(rule: TitleRule | LineRule, value: str) -> str:
    """The value by the rule, or the rule's message as a KnowhowError."""
    try:
        return rule.clean(value)
    except ValidationError as error:
        raise KnowhowError(error.messages[0]) from error


def checked_title(title: str) -> str:
    return checked_by(POST_TITLE, title)


def checked_body(body: str, message: str) -> str:
    body = as_typed(body)
    if not body:
        raise KnowhowError(message)
    return body


def checked_reason(reason: str, required: str = "") -> str:
    """A reason as typed (a moderator's, a FAQ consent decision's), at most REASON_MAX characters;
    `required` is the message when one must be given."""
    reason = as_typed(reason)
    if len(reason) > REASON_MAX:
        raise KnowhowError(_("理由は500文字以内で入力してください。"))
    if required and not reason:
        raise KnowhowError(required)
    return reason


def checked_tags(tags) -> list[str]:
    names = list(dict.fromkeys(name.strip() for name in tags if name and name.strip()))
    if len(names) > TAGS_MAX:
        raise KnowhowError(_("タグは10個までにしてください。"))
    if any(len(name) > TAG_MAX or has_control_characters(name) for name in names):
        raise KnowhowError(_("タグは1つ50文字以内で、改行を含めずに入力してください。"))
    return names


def _checked_kind(kind: str, template_kind: str) -> tuple[str, str]:
    if kind not in Kind.values or kind == Kind.FAQ:
        raise KnowhowError(_("投稿の種類を選んでください。"))
    return kind, (template_kind if kind == Kind.TEMPLATE else "")


def _checked_review_months(months: int) -> int:
    if not 1 <= months <= 60:
        raise KnowhowError(_("見直しの周期を1〜60か月で入力してください。"))
    return months


def locked_post(post_id: int) -> Post:
    return Post.objects.select_for_update().get(pk=post_id)


def bump_version(post: Post, *fields: str) -> None:
    post.version = F("version") + 1
    post.updated_at = timezone.now()
    post.save(update_fields=["version", "updated_at", *fields])
    post.refresh_from_db(fields=["version"])


def _bump_post(post_id: int) -> None:
    Post.objects.filter(pk=post_id).update(version=F("version") + 1, updated_at=timezone.now())
    # An UPDATE sends no signal: the post's document (its date) is recorded as changed here.
    indexing.changed_many(KNOWHOW_POST.name, [post_id])


def _notify(kind: str, post: Post, actor: User, key: str, anchor: str = "", text: str = "") -> None:
    """Enqueued inside the service's transaction: the notice goes out only if the change commits.
    Whoever the new text @mentions is told of it with a mention instead."""
    notify.enqueue(
        kind=kind,
        key=key,
        post_id=post.pk,
        actor_id=actor.pk,
        anchor=anchor,
        mentioned=mentions.addresses(text),
    )


def mark_published(post: Post, now) -> None:
    post.state = PostState.PUBLISHED
    post.published_at = now
    post.last_checked_on = post.last_checked_on or timezone.localdate(now)


def post_create(
    *,
    actor: User,
    kind: str,
    title: str,
    body: str,
    template_kind: str = "",
    tags=(),
    system_areas=(),
    anonymous: bool = False,
    publish: bool = True,
    client_token: uuid.UUID | None = None,
    uploads: Sequence[CheckedUpload] = (),
    version_note: str = "",
    review_months: int = 12,
) -> Post:
    """A member writes a post, as a draft or published at once. The same form submitted twice (the same
    `client_token`) makes one post: the second submit gets the first one back. `version_note` says what
    the attached version of a template changed."""
    access.require(actor, "post.create")
    checked = ensure_checked(uploads)
    version_note = checked_by(VERSION_NOTE, version_note)
    review_months = _checked_review_months(review_months)
    kind, template_kind = _checked_kind(kind, template_kind)
    title = checked_title(title)
    body = checked_body(body, _("本文を入力してください。"))
    tags = checked_tags(tags)
    if client_token is not None:
        existing = Post.objects.filter(author=actor, client_token=client_token).first()
        if existing is not None:
            return existing
    now = timezone.now()
    post = Post(
        author=actor,
        municipality=access.municipality_of(actor),
        anonymous=anonymous,
        kind=kind,
        template_kind=template_kind,
        title=title,
        body=body,
        created_at=now,
        updated_at=now,
        client_token=client_token,
        review_months=review_months,
    )
    if publish:
        mark_published(post, now)
    try:
        with removed_unless_committed(), transaction.atomic():
            post.save()
            post.tags.set(tags)
            post.system_areas.set(system_areas)
            for upload in checked:
                files.store(upload, actor=actor, post=post, version_note=version_note)
            if post.is_published:
                _notify(NEW_POST, post, actor, key=f"knowhow-new:{post.pk}", text=post.body)
    except IntegrityError:
        # Two submits raced past the look-up above: the one that committed first is the post.
        existing = Post.objects.filter(author=actor, client_token=client_token).first()
        if client_token is None or existing is None:
            raise
        return existing
    return post


def post_update(
    *,
    post_id: int,
    actor: User,
    title: str,
    body: str,
    kind: str,
    template_kind: str = "",
    tags=(),
    system_areas=(),
    anonymous: bool,
    expected_version: int | None = None,
    uploads: Sequence[CheckedUpload] = (),
    version_note: str = "",
    review_months: int | None = None,
) -> Post:
    """The author edits a post; what it said before is kept as a revision, and its version grows. New
    files are added to the ones it has, with what their version changed."""
    checked = ensure_checked(uploads)
    version_note = checked_by(VERSION_NOTE, version_note)
    review_months = None if review_months is None else _checked_review_months(review_months)
    with removed_unless_committed(), transaction.atomic():
        post = locked_post(post_id)
        access.require(actor, "post.edit", post)
        if expected_version is not None and post.version != expected_version:
            raise StalePost()
        if post.kind == Kind.FAQ:
            kind = Kind.FAQ  # an FAQ stays an FAQ: it was made from a consultation
        elif kind == Kind.FAQ or kind not in Kind.values:
            raise KnowhowError(_("投稿の種類を選んでください。"))
        template_kind = template_kind if kind == Kind.TEMPLATE else ""
        title = checked_title(title)
        body = checked_body(body, _("本文を入力してください。"))
        tags = checked_tags(tags)
        text_changed = post.title != title or post.body != body
        if text_changed:
            PostRevision.objects.create(
                post=post, version=post.version, title=post.title, body=post.body, edited_by=actor
            )
        if text_changed or checked:
            _faq_consent_lapses(post, actor)
        post.title, post.body, post.kind, post.template_kind = title, body, kind, template_kind
        post.anonymous = anonymous
        post.review_months = review_months or post.review_months
        if kind != Kind.QUESTION:
            post.accepted_answer, post.accepted_at = None, None
        bump_version(
            post,
            "title",
            "body",
            "kind",
            "template_kind",
            "anonymous",
            "accepted_answer",
            "accepted_at",
            "review_months",
            "state",
            "published_at",
        )
        post.tags.set(tags)
        post.system_areas.set(system_areas)
        for upload in checked:
            files.store(upload, actor=actor, post=post, version_note=version_note)
    return post


def record_consent(post: Post, faq: Faq, *, actor: User, decision: str, reason: str = "") -> FaqConsent:
    """The one writer of a FAQ's consent decisions (knowhow.faq): the FAQ's current state, and the
    decision kept with the text it was about. Called under the post's and the FAQ's row locks."""
    faq.consent = decision
    faq.save(update_fields=["consent"])
    return FaqConsent.objects.create(
        faq=faq,
        decision=decision,
        actor=actor,
        municipality=access.municipality_of(actor),
        reason=reason,
        version=post.version,
        title=post.title,
        body=post.body,
    )


def _faq_consent_lapses(post: Post, actor: User) -> None:
    """A FAQ whose title, body, files or sources change needs its consent again (knowhow.faq), and a
    published one waits for it unpublished. Nothing for any other post."""
    if post.kind != Kind.FAQ:
        return
    faq = Faq.objects.select_for_update().get(post=post)
    if faq.consent not in LAPSES_ON_CHANGE:
        return
    record_consent(post, faq, actor=actor, decision=ConsentState.LAPSED)
    if not post.is_draft:
        # Hidden by flags too: a moderator's 「問題なし」 must not publish a text nobody consented to.
        post.state, post.published_at = PostState.DRAFT, None


def post_publish(*, post_id: int, actor: User) -> Post:
    with transaction.atomic():
        post = locked_post(post_id)
        access.require(actor, "post.publish", post)
        mark_published(post, timezone.now())
        bump_version(post, "state", "published_at", "last_checked_on")
        _notify(NEW_POST, post, actor, key=f"knowhow-new:{post.pk}", text=post.body)
        if post.addressed_to.exists():
            notify_addressed.enqueue(post_id=post.pk)
    return post


def post_mark_obsolete(*, post_id: int, actor: User, note: str = "") -> Post:
    """廃止: the post is kept and shown with a banner (what it rests on no longer holds)."""
    note = checked_by(OBSOLETE_NOTE, note)
    with transaction.atomic():
        post = locked_post(post_id)
        access.require(actor, "post.mark_obsolete", post)
        post.obsolete, post.obsolete_note = True, note
        post.obsoleted_at = post.obsoleted_at or timezone.now()
        bump_version(post, "obsolete", "obsolete_note", "obsoleted_at")
    return post


def post_verify(*, post_id: int, actor: User) -> Post:
    """An advisor marks a post 「CIO補佐官確認済」 today; that is also its 最終確認日."""
    with transaction.atomic():
        post = locked_post(post_id)
        access.require(actor, "post.verify", post)
        now = timezone.now()
        post.verified_by, post.verified_at, post.last_checked_on = actor, now, timezone.localdate(now)
        bump_version(post, "verified_by", "verified_at", "last_checked_on")
    return post


def answer_create(
    *,
    post_id: int,
    actor: User,
    body: str,
    anonymous: bool = False,
    client_token: uuid.UUID | None = None,
    uploads: Sequence[CheckedUpload] = (),
) -> Answer:
    """A member answers a question, with files if they like; the same form submitted twice makes one
    answer."""
    body = checked_body(body, _("回答を入力してください。"))
    checked = ensure_checked(uploads)
    with removed_unless_committed(), transaction.atomic():
        post = locked_post(post_id)
        access.require(actor, "post.answer", post)
        if client_token is not None:
            existing = Answer.objects.filter(author=actor, client_token=client_token).first()
            if existing is not None:
                return existing
        answer = Answer.objects.create(
            post=post,
            author=actor,
            municipality=access.municipality_of(actor),
            anonymous=anonymous,
            body=body,
            client_token=client_token,
        )
        for upload in checked:
            files.store(upload, actor=actor, answer=answer)
        bump_version(post)
        _notify(
            ANSWER,
            post,
            actor,
            key=f"knowhow-answer:{answer.pk}",
            anchor=f"#answer-{answer.pk}",
            text=body,
        )
    return answer


def answer_accept(*, answer_id: int, actor: User) -> Answer:
    """The asker or an advisor accepts the answer that solved the question (it replaces an earlier one)."""
    answer = Answer.objects.select_related("post").get(pk=answer_id)
    with transaction.atomic():
        post = locked_post(answer.post_id)
        answer.post = post
        access.require(actor, "answer.accept", answer)
        post.accepted_answer, post.accepted_at = answer, timezone.now()
        bump_version(post, "accepted_answer", "accepted_at")
        _notify(
            ACCEPTED,
            post,
            actor,
            key=f"knowhow-accepted:{post.pk}:{answer.pk}",
            anchor=f"#answer-{answer.pk}",
        )
    return answer


def answer_verify(*, answer_id: int, actor: User) -> Answer:
    with transaction.atomic():
        answer = Answer.objects.select_for_update().select_related("post").get(pk=answer_id)
        access.require(actor, "answer.verify", answer)
        answer.verified_by, answer.verified_at = actor, timezone.now()
        answer.save(update_fields=["verified_by", "verified_at"])
        _bump_post(answer.post_id)
    return answer


def comment_create(
    *, actor: User, body: str, post_id: int | None = None, answer_id: int | None = None, anonymous=False
) -> Comment:
    """A remark on a post or on one of its answers."""
    body = checked_body(body, _("コメントを入力してください。"))
    answer = Answer.objects.select_related("post").get(pk=answer_id) if answer_id else None
    post = answer.post if answer else Post.objects.get(pk=post_id)
    access.require(actor, "post.comment", post)
    with transaction.atomic():
        comment = Comment.objects.create(
            post=None if answer else post,
            answer=answer,
            author=actor,
            municipality=access.municipality_of(actor),
            anonymous=anonymous,
            body=body,
        )
        _notify(
            COMMENT,
            post,
            actor,
            key=f"knowhow-comment:{comment.pk}",
            anchor=f"#answer-{answer.pk}" if answer else "#comments",
            text=body,
        )
    return comment


def helpful_mark(*, actor: User, post_id: int | None = None, answer_id: int | None = None) -> Helpful:
    """「役に立った」, once per person per post or answer."""
    if answer_id:
        target = Answer.objects.select_related("post").get(pk=answer_id)
        access.require(actor, "answer.mark_helpful", target)
        values = {"answer": target}
    else:
        target = Post.objects.get(pk=post_id)
        access.require(actor, "post.mark_helpful", target)
        values = {"post": target}
    try:
        with transaction.atomic():
            return Helpful.objects.create(user=actor, **values)
    except IntegrityError:
        raise KnowhowError(_("「役に立った」はすでに付けています。")) from None


def same_problem_mark(*, actor: User, post_id: int) -> SameProblem:
    """「うちも同じ」 for the actor's municipality, once per municipality per question."""
    post = Post.objects.get(pk=post_id)
    access.require(actor, "post.mark_same_problem", post)
    municipality = access.municipality_of(actor)
    try:
        with transaction.atomic():
            return SameProblem.objects.create(post=post, municipality=municipality, marked_by=actor)
    except IntegrityError:
        raise KnowhowError(
            _("%(municipality)s はこの質問に「うちも同じ」をすでに付けています。")
            % {"municipality": municipality}
        ) from None


# --- Following (levels and how they combine: knowhow.following) ---------------------------------------
def _watch_target(actor: User, post_id, tag_id, system_area_id) -> dict:
    """The one target named, looked up where the actor may see it; the access check comes first."""
    if sum(value is not None for value in (post_id, tag_id, system_area_id)) != 1:
        raise ValueError("Name exactly one of post_id, tag_id, system_area_id")
    if post_id is not None:
        post = policy.posts_for(actor).get(pk=post_id)
        access.require(actor, "post.watch", post)
        return {"post": post}
    access.require(actor, "topic.watch")
    if tag_id is not None:
        return {"tag": Tag.objects.get(pk=tag_id)}
    return {"system_area": SystemArea.objects.get(pk=system_area_id)}


def watch_set(
    *, actor: User, level: str, post_id: int | None = None, tag_id: int | None = None, system_area_id=None
) -> Watch:
    """Set the actor's level on a post, a tag or a system area (one row per person and target)."""
    if level not in WatchLevel.values:
        raise KnowhowError(_("通知のレベルを選んでください。"))
    with transaction.atomic():
        target = _watch_target(actor, post_id, tag_id, system_area_id)
        watch, _created = Watch.objects.update_or_create(
            user=actor, **target, defaults={"level": level, "updated_at": timezone.now()}
        )
    return watch


def watch_stop(
    *, actor: User, post_id: int | None = None, tag_id: int | None = None, system_area_id=None
) -> None:
    """Stop following: the actor's level there goes back to the default."""
    with transaction.atomic():
        target = _watch_target(actor, post_id, tag_id, system_area_id)
        Watch.objects.filter(user=actor, **target).delete()


def digest_subscription_set(*, actor: User, subscribed: bool) -> None:
    """Opt in to (or out of) the weekly digest e-mail."""
    access.require(actor, "following.view")
    with transaction.atomic():
        if subscribed:
            DigestSubscription.objects.get_or_create(user=actor)
        else:
            DigestSubscription.objects.filter(user=actor).delete()


def attachment_download(*, attachment_id: int, actor: User) -> Attachment:
    """Someone who may read the post downloads one of its files: counted, for the templates library."""
    attachment = Attachment.objects.select_related("post", "answer__post").get(pk=attachment_id)
    access.require(actor, "post_file.download", attachment)
    Attachment.objects.filter(pk=attachment.pk).update(download_count=F("download_count") + 1)
    return attachment


def source_add(
    *, post_id: int, actor: User, kind: str, title: str, number: str = "", issued_on=None, url: str = ""
) -> Source:
    """The author cites a law, notice or guideline the post rests on (a URL only over http or https)."""
    if kind not in SourceKind.values:
        raise KnowhowError(_("根拠の種別を選んでください。"))
    title = checked_by(SOURCE_TITLE, title)
    number = checked_by(SOURCE_NUMBER, number)
    url = (url or "").strip()
    if url and not url.lower().startswith(("http://", "https://")):
        raise KnowhowError(_("URLは http:// または https:// で始まるものを入力してください。"))
    with transaction.atomic():
        post = locked_post(post_id)
        access.require(actor, "post.cite", post)
        source = Source.objects.create(
            post=post, kind=kind, title=title, number=number, issued_on=issued_on, url=url, added_by=actor
        )
        _faq_consent_lapses(post, actor)
        bump_version(post, "state", "published_at")
    return source


def source_remove(*, source_id: int, actor: User) -> None:
    with transaction.atomic():
        source = Source.objects.select_related("post").get(pk=source_id)
        post = locked_post(source.post_id)
        access.require(actor, "post.cite", post)
        source.delete()
        bump_version(post)


def post_mark_checked(*, post_id: int, actor: User) -> PostCheck:
    """An advisor confirms a post still holds: today becomes its 最終確認日, and who checked is logged."""
    with transaction.atomic():
        post = locked_post(post_id)
        access.require(actor, "post.mark_checked", post)
        today = timezone.localdate()
        post.last_checked_on = today
        bump_version(post, "last_checked_on")
        return PostCheck.objects.create(post=post, checked_by=actor, checked_on=today)


def post_derive(*, post_id: int, actor: User) -> Post:
    """「自団体版を作る」: a draft of the actor's municipality that copies a template (its text, tags, areas,
    sources, and its files by reference to the same stored bytes) and links to its origin. Pressing it
    again finds the draft already made."""
    with transaction.atomic():
        origin = locked_post(post_id)
        access.require(actor, "post.derive", origin)
        existing = Post.objects.filter(derived_from=origin, author=actor, state=PostState.DRAFT).first()
        if existing is not None:
            return existing
        municipality = access.municipality_of(actor)
        suffix = _("（%(municipality)s版）") % {"municipality": municipality}
        now = timezone.now()
        copy = Post.objects.create(
            author=actor,
            municipality=municipality,
            kind=origin.kind,
            template_kind=origin.template_kind,
            title=origin.title[: 200 - len(suffix)] + suffix,
            body=origin.body,
            derived_from=origin,
            created_at=now,
            updated_at=now,
        )
        copy.tags.set(origin.tags.all())
        copy.system_areas.set(origin.system_areas.all())
        for source in origin.sources.all():
            Source.objects.create(
                post=copy,
                kind=source.kind,
                title=source.title,
                number=source.number,
                issued_on=source.issued_on,
                url=source.url,
                added_by=actor,
            )
        for attachment in origin.attachments.all():
            Attachment.objects.create(
                post=copy,
                name=attachment.name,
                stored_name=attachment.stored_name,
                content_type=attachment.content_type,
                size=attachment.size,
                uploaded_by=actor,
                version_note=attachment.version_note,
            )
    return copy


# --- 「この団体に聞く」 and shared problems ----------------------------------------------------------------

# The material a question may be asked from, and how the question names where it came from.
ASK_SOURCES = {"case_study": gettext_lazy("事例「%(title)s」から")}


def asked_from(post: Post) -> str:
    """Where a question was asked from, as its page says it (「事例「…」から」), or ""."""
    if not post.asked_from_source:
        return ""
    wording = ASK_SOURCES.get(post.asked_from_source, gettext_lazy("「%(title)s」から"))
    return wording % {"title": post.asked_from_title}


def material_to_ask(source: str, pk: int) -> material.Material | None:
    """Another app's object a question may be addressed from (a published case study), or None."""
    return material.get(source, pk) if source in ASK_SOURCES else None


def addressees(actor: User, lent: material.Material) -> list[Municipality]:
    """Whom a question from this material goes to: its municipalities, the asker's own left out."""
    own = access.municipality_of(actor)
    return [m for m in lent.municipalities if own is None or m.pk != own.pk]


def question_ask(
    *,
    actor: User,
    source: str,
    pk: int,
    title: str,
    body: str,
    tags=(),
    system_areas=(),
    anonymous: bool = False,
    publish: bool = True,
    client_token: uuid.UUID | None = None,
    uploads: Sequence[CheckedUpload] = (),
) -> Post:
    """「この団体に聞く」: a question addressed to the municipalities of lent material (a case study's),
    recording what it was asked from. Their active staff are told once it is published (now, or when the
    draft is). The same form submitted twice makes one question."""
    lent = material_to_ask(source, pk)
    access.require(actor, "post.ask", lent)
    if client_token is not None:
        existing = Post.objects.filter(author=actor, client_token=client_token).first()
        if existing is not None:
            return existing
    with transaction.atomic():
        post = post_create(
            actor=actor,
            kind=Kind.QUESTION,
            title=title,
            body=body,
            tags=tags,
            system_areas=system_areas,
            anonymous=anonymous,
            publish=publish,
            client_token=client_token,
            uploads=uploads,
        )
        if post.asked_from_source:
            return post  # a racing second submit got the first one's question back
        post.asked_from_source, post.asked_from_pk = lent.source, lent.pk
        post.asked_from_title, post.asked_from_url = lent.title[:255], lent.url[:500]
        post.save(update_fields=["asked_from_source", "asked_from_pk", "asked_from_title", "asked_from_url"])
        post.addressed_to.set(addressees(actor, lent))
        if post.is_published:
            notify_addressed.enqueue(post_id=post.pk)
    return post


def joint_invitation_create(
    *,
    actor: User,
    starter: str,
    question_id: int | None = None,
    system_area_id: int | None = None,
    client_token: uuid.UUID | None = None,
) -> JointInvitation:
    """「共同相談を呼びかける」: an advisor invites the municipalities that share a question or a system area
    (as it ranks now) to start joint work; their active staff are told, with the starter's page
    proposing the municipalities anyone may see named as partners. Pressing twice makes one invitation."""
    access.require(actor, "shared_problems.invite")
    chosen = joint_work.get(starter)
    if chosen is None:
        raise KnowhowError(_("呼びかける取組を選んでください。"))
    if client_token is not None:
        existing = JointInvitation.objects.filter(invited_by=actor, client_token=client_token).first()
        if existing is not None:
            return existing
    row = shared_problems.shared_problem(question_id=question_id, system_area_id=system_area_id)
    if row is None:
        raise KnowhowError(
            _(
                "この課題を共有する市町村が3団体に満たなくなったため、呼びかけられません。一覧を確認してください。"
            )
        )
    areas = [row.system_area] if row.system_area else list(row.question.system_areas.filter(active=True))
    try:
        with transaction.atomic():
            invitation = JointInvitation.objects.create(
                invited_by=actor,
                starter=chosen.name,
                question=row.question,
                system_area=row.system_area,
                url=chosen.url(row.public_municipalities(), areas),
                client_token=client_token,
            )
            invitation.municipalities.set(row.municipalities)
            notify_invitation.enqueue(invitation_id=invitation.pk)
    except IntegrityError:
        existing = JointInvitation.objects.filter(invited_by=actor, client_token=client_token).first()
        if client_token is None or existing is None:
            raise
        return existing
    return invitation
