"""Moderation of the know-how exchange: readers' flags on a post, and the log of every moderator action.

Three open flags from three different organisations hide a post until an advisor reviews it. An
organisation is a flagger's municipality; everyone without one (advisors, officials, admins) counts as
one organisation, the prefecture's side, so advisors' flags count but cannot hide a post on their own.
A review closes the open flags (they stay, linked to the action that closed them).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowhow.models.posts import Post
from portal.models import Municipality

NOTE_MAX = 500
# The longest reason know-how records: a moderator's and a FAQ consent decision's alike.
REASON_MAX = 500


class FlagReason(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("個人情報")
    INACCURATE = "inaccurate", _("不正確")
    INAPPROPRIATE = "inappropriate", _("不適切")
    DUPLICATE = "duplicate", _("重複")


class ModerationKind(models.TextChoices):
    HIDDEN_BY_FLAGS = "hidden_by_flags", _("3団体からの通報で非公開")
    CLEARED = "cleared", _("問題なし")
    KEPT_HIDDEN = "kept_hidden", _("非公開のままにする")
    OBSOLETED = "obsoleted", _("廃止")


class ModerationAction(models.Model):
    """One line of a post's moderation log. `actor` is empty when the flags hid the post by themselves."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="moderation_actions")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作した人"),
    )
    kind = models.CharField(_("操作"), max_length=20, choices=ModerationKind.choices)
    reason = models.TextField(_("理由"), blank=True)
    created_at = models.DateTimeField(_("日時"), default=timezone.now)

    class Meta:
        verbose_name = _("モデレーションの記録")
        verbose_name_plural = _("モデレーションの記録")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.post_id} {self.kind}"


class Flag(models.Model):
    """A reader's report on a post: once per person while it is open (a review closes it)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("通報した人")
    )
    # The flagger's municipality when flagging (none for the prefecture's side).
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("理由"), max_length=20, choices=FlagReason.choices)
    note = models.TextField(_("補足"), blank=True)
    created_at = models.DateTimeField(_("通報日時"), default=timezone.now)
    closed_by = models.ForeignKey(
        ModerationAction, on_delete=models.PROTECT, null=True, blank=True, related_name="closed_flags"
    )

    class Meta:
        verbose_name = _("通報")
        verbose_name_plural = _("通報")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "flagged_by"],
                condition=Q(closed_by__isnull=True),
                name="knowhow_flag_once_per_person_while_open",
            ),
        ]

    def __str__(self):
        return f"{self.flagged_by_id} → {self.post_id} ({self.reason})"
