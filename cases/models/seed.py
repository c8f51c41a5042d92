"""What load_cases has put in once, so that a second run never undoes advisors' work."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SeedRecord(models.Model):
    """One row per seed item load_cases has put in once (e.g. ``case:tandoku-cloud``).

    The command looks here, not at slugs or names, so that a record an advisor deleted or renamed
    since is neither re-created nor duplicated on the next `make run`.
    """

    key = models.CharField(_("シードの識別子"), max_length=200, unique=True)
    object_pk = models.CharField(_("作成したレコード"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("シードの投入記録")
        verbose_name_plural = _("シードの投入記録")

    def __str__(self):
        return self.key
