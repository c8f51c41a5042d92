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
