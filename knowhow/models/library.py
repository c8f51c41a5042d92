"""What a post rests on and how fresh it is: its attachments (and those of answers), the sources it
cites (法令・通知・ガイドライン), and the log of advisors' 「確認した」 checks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowhow.models.posts import Answer, Post


class Attachment(models.Model):
    """A checked upload (portal.uploads) on a post or on one of its answers (exactly one of the two),
    stored privately under a random name and served only through the permission-checked download.
    A municipality's own version of a template refers to the origin's stored bytes (the same
    `stored_name`): files are never deleted, so the copy costs a row, not the bytes."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    name = models.CharField(_("ファイル名"), max_length=120)
    stored_name = models.CharField(max_length=100, editable=False)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("サイズ"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("添付日時"), default=timezone.now)
    download_count = models.PositiveIntegerField(_("ダウンロード数"), default=0)
    # What this version of a template changed (「令和8年度版：SLA項目を追加」); shown beside the file.
    version_note = models.CharField(_("版の説明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("添付ファイル")
        verbose_name_plural = _("添付ファイル")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                name="knowhow_attachment_on_post_or_answer",
                condition=Q(post__isnull=False, answer__isnull=True)
                | Q(post__isnull=True, answer__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name


class SourceKind(models.TextChoices):
    LAW = "law", _("法令")
    NOTICE = "notice", _("通知")
    GUIDELINE = "guideline", _("ガイドライン")


class Source(models.Model):
    """A law, notice or guideline a post rests on; a cited notice makes the post due for review once a
    new 年度 begins after its last check."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("種別"), max_length=16, choices=SourceKind.choices)
    title = models.CharField(_("名称"), max_length=200)
    number = models.CharField(_("番号"), max_length=100, blank=True)
    issued_on = models.DateField(_("日付"), null=True, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("根拠資料")
        verbose_name_plural = _("根拠資料")
        ordering = ["added_at", "pk"]

    def __str__(self):
        return self.title


class PostCheck(models.Model):
    """An advisor's 「確認した」: the post still holds on that day (it becomes its 最終確認日)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="checks")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("確認した人")
    )
    checked_on = models.DateField(_("確認日"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("内容の確認")
        verbose_name_plural = _("内容の確認")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.post_id} {self.checked_on}"
