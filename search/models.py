"""What the search app keeps in the database, which stays the source of truth."""

from django.db import models


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
