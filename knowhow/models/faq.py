"""FAQs made from solved consultations: where each came from, the owning municipality's consent and its
history, who viewed it, and the vendor names masking leaves out (a snippet advisors keep in /admin/).

A FAQ is a know-how post of kind FAQ; `Faq` is what makes it one: one per consultation, its origin shown
to advisors only, and the consent it is published under. Every consent decision is a `FaqConsent` row
(the request, the answer, a withdrawal, a lapse after an edit): the current state is kept on `Faq` for
queries, the history is never overwritten.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowhow.models.posts import Post
from portal.models import Municipality


class VendorName(models.Model):
    """A vendor whose name a FAQ must not carry (the 事業者名 masking list)."""

    name = models.CharField(
        _("事業者名"),
        max_length=100,
        unique=True,
        help_text=_("例：株式会社奈良システム。株式会社・(株)・㈱の有無や全角・半角の違いは区別しません。"),
    )
    aliases = models.TextField(
        _("別の呼び方"),
        blank=True,
        help_text=_("略称や英語名など、1行に1つ。例：奈良シス、Nara System"),
    )

    class Meta:
        verbose_name = _("伏せる事業者名")
        verbose_name_plural = _("伏せる事業者名")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def names(self) -> list[str]:
        return [self.name, *(line.strip() for line in self.aliases.splitlines() if line.strip())]


class ConsentState(models.TextChoices):
    NOT_ASKED = "not_asked", _("未依頼")
    REQUESTED = "requested", _("同意を依頼中")
    GIVEN = "given", _("同意済み")
    REFUSED = "refused", _("同意されなかった")
    WITHDRAWN = "withdrawn", _("同意の撤回")
    # What it shows changed after consent (its text, a new file or source): the municipality consented
    # to something else.
    LAPSED = "lapsed", _("内容の変更で同意が失効")


# The municipality consents to what the FAQ shows, all of it: a changed title or body, a new file or a
# new source makes a consent asked or given lapse (knowhow.services).
LAPSES_ON_CHANGE = (ConsentState.REQUESTED, ConsentState.GIVEN)

# Once consent is asked, the owning municipality's staff open the FAQ: to decide, and to read what they
# decided (a withdrawn FAQ too). Not while a change has lapsed it: the advisors are at work on it.
SHOWN_TO_CONSENTERS = (
    ConsentState.REQUESTED,
    ConsentState.GIVEN,
    ConsentState.REFUSED,
    ConsentState.WITHDRAWN,
)


class Faq(models.Model):
    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="faq")
    # The material it was made from (portal.material): a source name and its object's key.
    source = models.CharField(max_length=40)
    source_pk = models.PositiveBigIntegerField()
    label = models.CharField(_("元の相談"), max_length=100)
    url = models.CharField(max_length=300)
    owner = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("同意する団体")
    )
    # Who spoke for the owner on the consultation: asked first while they are the owner's staff (the
    # consent is the owner's: its active staff decide, the requester among them only while they are).
    owner_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent = models.CharField(
        _("同意の状態"), max_length=16, choices=ConsentState.choices, default=ConsentState.NOT_ASKED
    )
    # What masking replaced when the draft was made, by kind (knowhow.masking.Masked names).
    masked = models.JSONField(default=dict, blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQ")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_pk"], name="knowhow_one_faq_per_material"),
        ]

    def __str__(self):
        return f"{self.label} → {self.post_id}"


class FaqConsent(models.Model):
    """One decision on a FAQ's consent, with the text it was about."""

    faq = models.ForeignKey(Faq, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(_("内容"), max_length=16, choices=ConsentState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("操作した人")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("理由"), blank=True)
    # The post's version and text the decision was about: a consent holds for this text only.
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(_("日時"), default=timezone.now)

    class Meta:
        verbose_name = _("FAQの同意の記録")
        verbose_name_plural = _("FAQの同意の記録")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.faq_id} {self.decision}"


class FaqView(models.Model):
    """Someone other than its author opened the published FAQ that day (counted once per person a day)."""

    faq = models.ForeignKey(Faq, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        verbose_name = _("FAQの閲覧")
        verbose_name_plural = _("FAQの閲覧")
        constraints = [
            models.UniqueConstraint(fields=["faq", "user", "day"], name="knowhow_faq_view_once_a_day")
        ]

    def __str__(self):
        return f"{self.faq_id} {self.user_id} {self.day}"
