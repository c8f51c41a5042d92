"""Background work of the search app: rebuilding the indexes when the synonym rules change.

A changed rule only works in an index created with it (analysis settings are fixed at creation), so every
save or delete of a rule enqueues a rebuild of both indexes, in the transaction that changed it. Searches
keep answering from the old indexes until each alias moves (``indexing.rebuild``).
"""

import logging

from django.db.models import signals
from django.dispatch import receiver
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search import indexing
from search.documents import INDEXES
from search.models import SynonymRule

logger = logging.getLogger(__name__)

REBUILD_TASK_PATH = "search.tasks.rebuild_for_synonyms"


@task()
def rebuild_for_synonyms() -> dict:
    """Rebuild every index with the current rules; returns the documents written per index."""
    written = {}
    for key in INDEXES:
        result = indexing.rebuild(key)
        logger.info("Rebuilt %s for new synonyms: %d documents", key, result.documents)
        written[key] = result.documents
    return written


def request_rebuild() -> None:
    """Enqueue one rebuild, unless one is already waiting: it will read the rules as they are then."""
    waiting = DBTaskResult.objects.filter(task_path=REBUILD_TASK_PATH, status=TaskResultStatus.READY)
    if not waiting.exists():
        rebuild_for_synonyms.enqueue()


@receiver(signals.post_save, sender=SynonymRule)
@receiver(signals.post_delete, sender=SynonymRule)
def _rule_changed(sender, raw=False, **kwargs):
    if not raw:
        request_rebuild()
