"""FAQs from solved consultations: the masked draft, the owning municipality's consent, the views count,
the notices, and the offers on the desk's consultation page.

An advisor presses 「FAQとして公開」 on a resolved or closed consultation (an offer the desk's page shows)
and gets a draft of kind FAQ whose text is the consultation's public thread, masked (knowhow.masking);
they edit it and ask for consent (「同意を依頼」), which notifies the active staff of the filing
municipality (the consultation's requester first, while they work there). One of them consents
(「公開に同意する」: the FAQ is published at once, with the text they read) or refuses with a reason;
later they may withdraw consent with a reason, which unpublishes it. A FAQ is never published without
a current consent: a changed title or body needs consent again (knowhow.services.post_update), and
the author cannot publish it alone.
The desk is reached only through portal.material and portal.offers: this module imports no app.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from knowhow import masking, notifications, policy
from knowhow.models import ConsentState, Faq, FaqConsent, FaqView, Kind, Post, PostState, VendorName
from knowhow.services import (
    KnowhowError,
    bump_version,
    checked_body,
    checked_reason,
    checked_tags,
    checked_title,
    locked_post,
    mark_published,
    record_consent,
)
from portal import access, material, notification_kinds, offers
from portal import notifications as portal_notifications
from portal.material import Material
from portal.models import Municipality, User
from portal.task_retry import retrying_task

CONSENT_REQUESTED = "knowhow_faq_consent_requested"
CONSENT_DECIDED = "knowhow_faq_consent_decided"


# --- The masked draft -------------------------------------------------------------------------------


def masker_for(matter: Material) -> masking.Masker:
    """Every municipality in the database, the people on the matter, and the vendor names list."""
    places = tuple(
        masking.Place(name, name_en, district)
        for name, name_en, district in Municipality.objects.values_list("name", "name_en", "district")
    )
    vendors = tuple(name for vendor in VendorName.objects.all() for name in vendor.names)
    return masking.Masker(places=places, people=tuple(matter.people), vendors=vendors)


# A FAQ's text is Japanese content, whatever language the advisor reads the portal in.
QUESTION_HEADING, ANSWER_HEADING = "■ 相談内容", "■ 回答"


@dataclass(frozen=True)
class Draft:
    title: str
    body: str
    # How many of each kind were masked, by knowhow.masking.Masked name.
    masked: dict


def draft_from(matter: Material) -> Draft:
    """The matter's title and texts, masked: the consultation first, then its public replies."""
    masker = masker_for(matter)
    title = masker.mask(matter.title)
    texts = [masker.mask(text) for text in matter.texts if text.strip()]
    counts = title.counts.copy()
    for text in texts:
        counts.update(text.counts)
    parts = []
    if texts:
        parts.append(QUESTION_HEADING + "\n" + texts[0].text)
    if len(texts) > 1:
        parts.append(ANSWER_HEADING + "\n" + "\n\n".join(text.text for text in texts[1:]))
    body = "\n\n".join(parts)
    return Draft(title=title.text[:200], body=body, masked={kind.name: n for kind, n in counts.items()})


def faq_made_from(source: str, pk: int) -> Faq | None:
    return Faq.objects.select_related("post").filter(source=source, source_pk=pk).first()


# --- Writes -------------------------------------------------------------------------------------------


def faq_create(
    *,
    actor: User,
    source: str,
    source_pk: int,
    title: str,
    body: str,
    tags=(),
    system_areas=(),
) -> Post:
    """An advisor saves the FAQ draft of a settled consultation: kind FAQ, the advisor its author,
    consent not asked yet. One FAQ per consultation: pressing again (or a second submit) gets the
    FAQ already made."""
    matter = material.get(source, source_pk)
    access.require(actor, "faq.create", matter)
    title = checked_title(title)
    body = checked_body(body, _("本文を入力してください。"))
    tags = checked_tags(tags)
    existing = faq_made_from(source, source_pk)
    if existing is not None:
        return existing.post
    now = timezone.now()
    try:
        with transaction.atomic():
            post = Post.objects.create(
                author=actor,
                municipality=access.municipality_of(actor),
                kind=Kind.FAQ,
                title=title,
                body=body,
                state=PostState.DRAFT,
                created_at=now,
                updated_at=now,
            )
            post.tags.set(tags)
            post.system_areas.set(system_areas)
            Faq.objects.create(
                post=post,
                source=source,
                source_pk=source_pk,
                label=matter.label,
                url=matter.url,
                owner=matter.owner,
                owner_contact=matter.owner_contact,
                masked=draft_from(matter).masked,
                made_by=actor,
                created_at=now,
            )
    except IntegrityError:
        # Two submits raced past the look-up above: the FAQ that committed first is the one.
        existing = faq_made_from(source, source_pk)
        if existing is None:
            raise
        return existing.post
    return post


def _locked(post_id: int) -> tuple[Post, Faq]:
    post = locked_post(post_id)
    return post, Faq.objects.select_for_update().get(post=post)


def _decide(post: Post, faq: Faq, actor: User, decision: str, reason: str = "") -> FaqConsent:
    made = record_consent(post, faq, actor=actor, decision=decision, reason=reason)
    notify_consent.enqueue(decision_id=made.pk)
    return made


class AlreadyDecided(KnowhowError):
    """The FAQ is already where the click would take it (a second click, or a colleague's first):
    nothing is written, the user is told."""


ALREADY = {
    ConsentState.REQUESTED: gettext_lazy("公開への同意は、すでに依頼済みです。"),
    ConsentState.GIVEN: gettext_lazy("このFAQの公開には、すでに同意済みです。"),
    ConsentState.REFUSED: gettext_lazy("このFAQの公開には同意しないことを、すでに伝えてあります。"),
    ConsentState.WITHDRAWN: gettext_lazy("このFAQの公開への同意は、すでに撤回済みです。"),
}


def already_decided(user, faq: Faq | None, decision: str) -> bool:
    """Whether the FAQ already stands at `decision` and the user is one who could have made it there
    (an advisor for a request, the owning municipality's staff for the rest)."""
    if faq is None or faq.consent != decision:
        return False
    if decision == ConsentState.REQUESTED:
        return access.is_advisor_like(user)
    return policy.is_consenter(user, faq)


def _unless_already(actor: User, faq: Faq, decision: str) -> None:
    if already_decided(actor, faq, decision):
        raise AlreadyDecided(ALREADY[decision])


def faq_request_consent(*, post_id: int, actor: User) -> FaqConsent:
    """「同意を依頼」: the owning municipality's people are asked to consent to the draft as it reads now."""
    with transaction.atomic():
        post, faq = _locked(post_id)
        _unless_already(actor, faq, ConsentState.REQUESTED)
        access.require(actor, "faq.request_consent", post)
        return _decide(post, faq, actor, ConsentState.REQUESTED)


def faq_consent(*, post_id: int, actor: User, version: int) -> FaqConsent:
    """「公開に同意する」 to the text the consenter read (`version`): the FAQ is published at once."""
    with transaction.atomic():
        post, faq = _locked(post_id)
        _unless_already(actor, faq, ConsentState.GIVEN)
        access.require(actor, "faq.consent", post)
        if post.version != version:
            raise KnowhowError(
                _(
                    "このFAQは、あなたが画面を開いた後に変更されました。最新の内容を読んでから、もう一度判断してください。"
                )
            )
        decision = _decide(post, faq, actor, ConsentState.GIVEN)
        mark_published(post, timezone.now())
        bump_version(post, "state", "published_at", "last_checked_on")
        notifications.notify.enqueue(
            kind=notifications.NEW_POST,
            key=f"knowhow-new:{post.pk}",
            post_id=post.pk,
            actor_id=faq.made_by_id,
        )
    return decision


def faq_refuse(*, post_id: int, actor: User, reason: str) -> FaqConsent:
    """「同意しない」, with the reason the advisor is told; the FAQ stays a draft."""
    reason = checked_reason(reason, _("同意しない理由を入力してください。CIO補佐官に伝えます。"))
    with transaction.atomic():
        post, faq = _locked(post_id)
        _unless_already(actor, faq, ConsentState.REFUSED)
        access.require(actor, "faq.refuse", post)
        return _decide(post, faq, actor, ConsentState.REFUSED, reason)


def faq_withdraw(*, post_id: int, actor: User, reason: str) -> FaqConsent:
    """The owning municipality withdraws its consent: the FAQ is unpublished (kept, its author told)."""
    reason = checked_reason(reason, _("撤回の理由を入力してください。CIO補佐官に伝えます。"))
    with transaction.atomic():
        post, faq = _locked(post_id)
        _unless_already(actor, faq, ConsentState.WITHDRAWN)
        access.require(actor, "faq.withdraw", post)
        decision = _decide(post, faq, actor, ConsentState.WITHDRAWN, reason)
        if post.state != PostState.DRAFT:
            post.state, post.published_at = PostState.DRAFT, None
            bump_version(post, "state", "published_at")
    return decision


def faq_viewed(*, post: Post, user: User) -> None:
    """Count a view of a published FAQ: once per person a day, never its author's own."""
    faq = policy.faq_of(post)
    if faq is None or not post.is_published or post.author_id == user.pk:
        return
    try:
        with transaction.atomic():
            FaqView.objects.get_or_create(faq=faq, user=user, day=timezone.localdate())
    except IntegrityError:
        pass  # the same person's other tab counted it a moment ago


def view_count(faq: Faq) -> int:
    return faq.views.count()


def history(faq: Faq):
    return faq.decisions.select_related("actor", "municipality")


# --- Notices ---------------------------------------------------------------------------------------


def _requested_message(params: dict) -> str:
    return gettext("FAQ「%(title)s」の公開への同意を依頼されています。") % {"title": params.get("title", "")}


DECIDED_MESSAGES = {
    ConsentState.GIVEN: gettext_lazy("FAQ「%(title)s」の公開に同意がありました。公開しました。"),
    ConsentState.REFUSED: gettext_lazy("FAQ「%(title)s」の公開に同意が得られませんでした。"),
    ConsentState.WITHDRAWN: gettext_lazy(
        "FAQ「%(title)s」の公開への同意が撤回されました。非公開にしました。"
    ),
}


def _decided_message(params: dict) -> str:
    # Only a decision told to the author has a notice: any other is a bug, not a consent to announce.
    template = DECIDED_MESSAGES[params["decision"]]
    return str(template) % {"title": params.get("title", "")}


KINDS = [
    notification_kinds.NotificationKind(
        slug=CONSENT_REQUESTED,
        label=gettext_lazy("ノウハウ共有：FAQの公開への同意の依頼"),
        message=_requested_message,
        visible=notifications.still_visible,
    ),
    notification_kinds.NotificationKind(
        slug=CONSENT_DECIDED,
        label=gettext_lazy("ノウハウ共有：FAQの公開への同意・不同意・撤回"),
        message=_decided_message,
        visible=notifications.still_visible,
    ),
]


def consenters(faq: Faq) -> list[User]:
    """The active staff of the owning municipality, the requester first while they are among them."""
    people = [
        person for person in notifications.active_staff_of([faq.owner_id]) if policy.is_consenter(person, faq)
    ]
    return sorted(people, key=lambda person: person.pk != faq.owner_contact_id)


@retrying_task()
def notify_consent(*, decision_id: int) -> int:
    """A request goes to the consenters; a decision goes to the FAQ's author. Never to the actor."""
    decision = FaqConsent.objects.select_related("faq__post", "faq__owner_contact").get(pk=decision_id)
    faq, post = decision.faq, decision.faq.post
    if decision.decision == ConsentState.REQUESTED:
        kind, recipients = CONSENT_REQUESTED, consenters(faq)
    elif decision.decision in DECIDED_MESSAGES:
        kind, recipients = CONSENT_DECIDED, [post.author]
    else:
        return 0
    return portal_notifications.deliver(
        kind=kind,
        key=f"knowhow-faq:{decision.pk}",
        recipients=[person for person in recipients if person.pk != decision.actor_id],
        params={"title": post.title, "decision": decision.decision},
        url=reverse("knowhow:detail", args=[post.pk]) + "#consent",
        target=post,
    )


# --- Offers on the desk's consultation page ----------------------------------------------------------

SOURCE = "consultation"


def _made(obj) -> Faq | None:
    return faq_made_from(SOURCE, obj.pk)


def _may_make(user, obj) -> bool:
    return (
        access.is_advisor_like(user)
        and _made(obj) is None
        and access.can(user, "faq.create", material.of(obj))
    )


def _may_open(user, obj) -> bool:
    made = _made(obj)
    return made is not None and access.can(user, "post.view", made.post)


OFFERS = [
    offers.Offer(
        name="knowhow.faq_make",
        label=gettext_lazy("FAQとして公開"),
        model="consultations.consultation",
        url=lambda obj: reverse("knowhow:faq_new", args=[SOURCE, obj.pk]),
        visible=_may_make,
        order=100,
    ),
    offers.Offer(
        name="knowhow.faq_open",
        label=gettext_lazy("FAQを見る"),
        model="consultations.consultation",
        url=lambda obj: reverse("knowhow:detail", args=[_made(obj).post_id]),
        visible=_may_open,
        order=100,
    ),
]
