"""Following: who watches which post, tag or system area at which level, and the weekly digest's
opt-in and its record of what was sent (one digest per person per week)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowhow.models.posts import Post, Tag
from portal.models import SystemArea


class WatchLevel(models.TextChoices):
    # Strongest first: see knowhow.following.effective_level for how levels on several targets combine.
    WATCHING = "watching", _("ウォッチ")
    TRACKING = "tracking", _("追跡")
    NORMAL = "normal", _("通常")
    MUTED = "muted", _("ミュート")


class Watch(models.Model):
    """One person's level on one target: a post, a tag or a system area (exactly one of the three)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="watches")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, null=True, blank=True, related_name="watches")
    system_area = models.ForeignKey(
        SystemArea, on_delete=models.CASCADE, null=True, blank=True, related_name="knowhow_watches"
    )
    level = models.CharField(_("通知のレベル"), max_length=16, choices=WatchLevel.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ウォッチ")
        verbose_name_plural = _("ウォッチ")
        constraints = [
            models.CheckConstraint(
                name="knowhow_watch_one_target",
                condition=Q(post__isnull=False, tag__isnull=True, system_area__isnull=True)
                | Q(post__isnull=True, tag__isnull=False, system_area__isnull=True)
                | Q(post__isnull=True, tag__isnull=True, system_area__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "post"], condition=Q(post__isnull=False), name="knowhow_watch_post_once"
            ),
            models.UniqueConstraint(
                fields=["user", "tag"], condition=Q(tag__isnull=False), name="knowhow_watch_tag_once"
            ),
            models.UniqueConstraint(
                fields=["user", "system_area"],
                condition=Q(system_area__isnull=False),
                name="knowhow_watch_system_area_once",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.level} {self.target}"

    @property
    def target(self):
        return self.post or self.tag or self.system_area


class DigestSubscription(models.Model):
    """The person asked for the weekly digest e-mail (opt-in: no row, no digest)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowhow_digest"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("週間ダイジェストの購読")
        verbose_name_plural = _("週間ダイジェストの購読")

    def __str__(self):
        return str(self.user_id)


class DigestSent(models.Model):
    """The digest of one week for one person, made once: a retried task or a second run that week finds
    it and mails nothing. A week with nothing to report is recorded too, without a mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The Monday of the ISO week the digest belongs to.
    week = models.DateField()
    # The digest covered what happened before this day; the next one starts here, so a digest that
    # a holiday delayed leaves no gap and repeats nothing.
    covered_until = models.DateField()
    items = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("送信した週間ダイジェスト")
        verbose_name_plural = _("送信した週間ダイジェスト")
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="knowhow_digest_once_a_week")]

    def __str__(self):
        return f"{self.user_id} {self.week}"
