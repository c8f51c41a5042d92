"""What the search app keeps in the database, which stays the source of truth."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from search.synonym_format import check_rule, normalise_rule


class IndexChange(models.Model):
    """One object to bring up to date in the index: written in the transaction that changed it.

    The row commits or rolls back with the change, so no change is lost between a commit and an enqueue,
    and none is indexed that never happened. Its id, which only grows, is the version the document is
    indexed with (external versioning): a late or replayed task can never put an older state back.
    The row is deleted once Elasticsearch has the document (or has a newer one).
    """

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.kind}-{self.object_id} (#{self.pk})"


class ZeroResultQuery(models.Model):
    """How often a query found nothing in one week: the text only, never who asked.

    Advisors read these to add a synonym or write the missing post.
    """

    text = models.CharField(_("検索語"), max_length=200)
    week = models.DateField(_("週（月曜日）"))
    count = models.PositiveIntegerField(_("回数"), default=0)

    class Meta:
        verbose_name = _("結果ゼロ件の検索")
        verbose_name_plural = _("結果ゼロ件の検索")
        constraints = [models.UniqueConstraint(fields=["week", "text"], name="zero_result_once_per_week")]
        indexes = [models.Index(fields=["week", "-count"])]

    def __str__(self):
        return f"{self.text} ({self.week}: {self.count})"


class ExtractedText(models.Model):
    """The text read from one file's bytes, keyed by their SHA-256, so identical files are read once."""

    class Status(models.TextChoices):
        OK = "ok", _("本文を読み取りました")
        UNREADABLE = "unreadable", _("本文を読み取れませんでした")
        TOO_LARGE = "too_large", _("ファイルが大きすぎるため本文を読み取っていません")
        TIMEOUT = "timeout", _("時間内に本文を読み取れませんでした")

    sha256 = models.CharField(max_length=64, primary_key=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    text = models.TextField(blank=True)
    truncated = models.BooleanField(default=False)  # the text stops at SEARCH_EXTRACT_MAX_CHARS
    error = models.CharField(max_length=300, blank=True)
    size = models.BigIntegerField()
    extracted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.sha256[:12]} ({self.status})"


class AttachmentFile(models.Model):
    """One stored file of one search document, as its app described it (search.extraction.StoredFile).

    ``read_at`` is empty until the extraction task has read the file; then ``sha256`` names its
    :class:`ExtractedText`, or is empty when the file could not be read from its storage.
    """

    kind = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64)
    location = models.CharField(max_length=400)  # storage, path and version: these exact bytes
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "location"], name="search_file_once_per_doc")
        ]
        indexes = [models.Index(fields=["location"])]

    def __str__(self):
        return f"{self.kind}-{self.object_id}: {self.name}"


class SynonymRule(models.Model):
    """One synonym rule in Solr format, kept by advisors: 「ガバクラ, ガバメントクラウド」 (equivalent
    words) or 「ＢＰＲ => 業務改革」 (one-way). Saving or deleting one rebuilds both indexes behind their
    aliases, because an index's analysis settings are fixed when it is created."""

    rule = models.CharField(
        _("規則"),
        max_length=500,
        help_text=_(
            "同じ意味の語を「,」で区切ります（例: ガバクラ, ガバメントクラウド）。"
            "一方向の置き換えは「=>」を使います（例: ＢＰＲ => 業務改革）。"
        ),
    )
    active = models.BooleanField(_("有効"), default=True)
    note = models.CharField(_("メモ"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("同義語")
        verbose_name_plural = _("同義語")

    def __str__(self):
        return self.rule

    def clean(self):
        self.rule = normalise_rule(self.rule)
        check_rule(self.rule)
