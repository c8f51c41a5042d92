"""What the search app keeps in the database, which stays the source of truth."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
