"""Keeping the indexes equal to the database, without losing an update.

Writing: every change of a registered object adds an :class:`~search.models.IndexChange` row in the
transaction that made it — from the model signals (saves, deletes, many-to-many changes, Wagtail's
publish, unpublish and move) and from services that change what a document shows without saving its
object (:func:`changed`). Bulk writes that bypass signals (``QuerySet.update``) call :func:`changed_many`.

Applying: the ``apply_changes`` task sends the current state of every changed object to every concrete
index of its alias (the live one and one being rebuilt), versioned by the change row's id. A document
whose object left its type's queryset is deleted. While the engine is down the task retries with growing
waits and never gives up: the rows stay until Elasticsearch has taken them.

Rebuilding, verifying and repairing are here too; ``manage.py search_index`` drives them.
"""

import datetime
import logging
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Min, signals
from django.dispatch import receiver
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from elasticsearch import helpers
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import registry, synonyms
from search.client import get_client
from search.documents import INDEXES, alias, index_body, index_pattern
from search.models import IndexChange

logger = logging.getLogger(__name__)

APPLY_BATCH = 500
BULK_TIMEOUT = 120  # seconds, for one bulk request of a rebuild or a backlog
# Documents written by a rebuild carry the lowest version, so any change applied meanwhile wins.
REBUILD_VERSION = 0
# A search that resolved the alias just before a swap may still be reading the old index.
OLD_INDEX_GRACE_SECONDS = 2


class IndexingError(Exception):
    """Elasticsearch refused documents for a reason other than holding a newer version."""


# --- Recording changes -------------------------------------------------------------------------------


def _type_of(obj) -> registry.DocumentType | None:
    model = type(obj)
    if isinstance(obj, Page) and obj.specific_class is not None:
        model = obj.specific_class
    return registry.for_model(model)


def changed(obj) -> None:
    """Record that ``obj``'s document must be brought up to date (a no-op for an unregistered model)."""
    document_type = _type_of(obj)
    if document_type is not None:
        changed_many(document_type.name, [obj.pk])


def changed_many(kind: str, pks: Iterable) -> None:
    """Record changes of many objects of one document type with one insert and one task."""
    rows = [IndexChange(kind=kind, object_id=str(pk)) for pk in pks]
    if rows:
        IndexChange.objects.bulk_create(rows)
        _enqueue_once_per_transaction()


def _enqueue_once_per_transaction() -> None:
    """One apply task per transaction: it cannot start before the commit, and then applies every row.

    A task enqueued earlier in the same transaction serves while it is still waiting; once something ran it
    (a test's inline worker) or a savepoint rolled it back, the next change enqueues another.
    """
    connection = transaction.get_connection()
    outermost = connection.atomic_blocks[0] if connection.in_atomic_block else None
    memo = getattr(connection, "_search_apply_task", None)
    if outermost is not None and memo is not None and memo[0] is outermost:
        if DBTaskResult.objects.filter(pk=memo[1], status=TaskResultStatus.READY).exists():
            return
    result = apply_changes.enqueue()
    connection._search_apply_task = (outermost, result.id) if outermost is not None else None


@receiver(signals.post_save)
@receiver(signals.post_delete)
def _object_saved_or_deleted(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata writes rows as they are; load commands index afterwards
        changed(instance)


@receiver(signals.m2m_changed)
def _relation_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        changed(instance)


@receiver(page_published)
@receiver(page_unpublished)
def _page_published_or_unpublished(sender, instance, **kwargs):
    changed(instance)


@receiver(post_page_move)
def _page_moved(sender, instance, **kwargs):
    # A move rewrites the url_path of every descendant with one UPDATE, which sends no signal.
    for page in Page.objects.descendant_of(instance, inclusive=True).specific(defer=True).iterator():
        changed(page)


# --- Applying changes --------------------------------------------------------------------------------


def ensure_index(key: str) -> None:
    """Create ``key``'s first index behind its alias, unless the alias already points somewhere."""
    client = get_client()
    name = alias(key)
    if client.indices.exists_alias(name=name):
        return
    existing = sorted(client.indices.get(index=index_pattern(key), allow_no_indices=True))
    if existing:
        client.indices.put_alias(index=existing[-1], name=name)
        return
    create_index(f"{name}-initial", synonyms.current_rules(), alias_name=name)


def create_index(name: str, rules: list[str], *, alias_name: str | None = None) -> None:
    body = index_body(rules)
    if alias_name:
        body["aliases"] = {alias_name: {}}
    get_client().indices.create(index=name, **body)


def ensure_indexes() -> None:
    for key in INDEXES:
        ensure_index(key)


def _targets(key: str) -> list[str]:
    ensure_index(key)
    return sorted(get_client().indices.get(index=index_pattern(key), allow_no_indices=True))


def apply_pending(limit: int = APPLY_BATCH) -> int:
    """Send up to ``limit`` pending changes to the engine; returns how many change rows were applied.

    Rows are locked (skipping rows another worker holds) and deleted in the same transaction, after
    Elasticsearch accepted the batch: if anything fails, they stay for the next attempt.
    """
    with transaction.atomic():
        rows = list(IndexChange.objects.select_for_update(skip_locked=True).order_by("id")[:limit])
        if not rows:
            return 0
        latest: dict[tuple[str, str], int] = {}
        for row in rows:
            latest[(row.kind, row.object_id)] = row.id
        actions = list(_change_actions(latest))
        if actions:
            _send(actions)
        IndexChange.objects.filter(id__in=[row.id for row in rows]).delete()
        return len(rows)


def _change_actions(latest: dict[tuple[str, str], int]) -> Iterator[dict]:
    by_kind: dict[str, dict[str, int]] = defaultdict(dict)
    for (kind, object_id), version in latest.items():
        by_kind[kind][object_id] = version
    targets_of: dict[str, list[str]] = {}
    for kind, versions in by_kind.items():
        document_type = registry.get(kind)
        if document_type is None:
            logger.warning("Dropping %d change(s) of unregistered search kind %r", len(versions), kind)
            continue
        if document_type.index not in targets_of:
            targets_of[document_type.index] = _targets(document_type.index)
        pks = [document_type.model._meta.pk.to_python(object_id) for object_id in versions]
        current = {str(obj.pk): obj for obj in document_type.queryset().filter(pk__in=pks)}
        for object_id, version in versions.items():
            obj = current.get(object_id)
            for index in targets_of[document_type.index]:
                action = {
                    "_index": index,
                    "_id": document_type.document_id(object_id),
                    "version": version,
                    "version_type": "external",
                }
                if obj is None:
                    yield {**action, "_op_type": "delete"}
                else:
                    yield {**action, "_op_type": "index", "_source": document_type.document(obj)}


def _accepted(operation: str, item: dict) -> bool:
    """A newer version already there, or nothing to delete, is success: the index is as current."""
    status = item.get("status", 500)
    if status < 300 or status == 409:
        return True
    return operation == "delete" and status == 404


def _send(actions: Iterable[dict]) -> int:
    """Bulk-send ``actions``; returns how many were written; raises on a real refusal."""
    client = get_client().options(request_timeout=BULK_TIMEOUT)
    written = 0
    failures = []
    for ok, result in helpers.streaming_bulk(
        client, actions, raise_on_error=False, raise_on_exception=True, chunk_size=APPLY_BATCH
    ):
        operation, item = next(iter(result.items()))
        if ok:
            written += 1
        elif not _accepted(operation, item):
            failures.append(item)
    if failures:
        raise IndexingError(f"{len(failures)} document(s) refused, first: {failures[0]}")
    return written


APPLY_TASK_PATH = "search.indexing.apply_changes"


@task()
def apply_changes(attempt: int = 1) -> int:
    """Apply every pending change; while the engine is down, try again later, never giving up."""
    applied = 0
    try:
        while batch := apply_pending():
            applied += batch
    except Exception:
        if not _retry_already_scheduled():
            delay = min(
                settings.TASK_RETRY_BASE_SECONDS * 2 ** (attempt - 1), settings.SEARCH_RETRY_MAX_SECONDS
            )
            logger.warning("Index changes not applied (attempt %d); retrying in %ds", attempt, delay)
            apply_changes.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue(
                attempt=attempt + 1
            )
        raise
    return applied


def _retry_already_scheduled() -> bool:
    # Two hundred writes during an outage fail two hundred tasks; one retry is enough to drain them all.
    return DBTaskResult.objects.filter(task_path=APPLY_TASK_PATH, status=TaskResultStatus.READY).exists()


# --- Rebuilding --------------------------------------------------------------------------------------


@dataclass
class RebuildResult:
    key: str
    index: str
    documents: int
    seconds: float
    removed: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def count_documents(key: str) -> int:
    return sum(t.queryset().count() for t in registry.in_index(key))


def rebuild_actions(key: str, index: str) -> Iterator[dict]:
    """Every document of ``key`` from the database, as bulk actions into ``index``."""
    for document_type in registry.in_index(key):
        for obj in document_type.queryset().iterator(chunk_size=APPLY_BATCH):
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": document_type.document_id(obj.pk),
                "version": REBUILD_VERSION,
                "version_type": "external",
                "_source": document_type.document(obj),
            }


class _BulkSender(threading.Thread):
    """Sends chunks of bulk actions from a queue with ``streaming_bulk``, in a thread of its own."""

    def __init__(self, client, total: int, progress: Callable[[int, int], None] | None):
        super().__init__(name="search-rebuild-bulk", daemon=True)
        self.client = client.options(request_timeout=BULK_TIMEOUT)
        self.chunks: queue.Queue[list[dict] | None] = queue.Queue(maxsize=2)
        self.total, self.progress = total, progress
        self.done = 0
        self.failures: list[dict] = []
        self.error: BaseException | None = None

    def actions(self) -> Iterator[dict]:
        for chunk in iter(self.chunks.get, None):
            yield from chunk

    def run(self) -> None:
        try:
            for ok, result in helpers.streaming_bulk(
                self.client, self.actions(), chunk_size=APPLY_BATCH, raise_on_error=False
            ):
                operation, item = next(iter(result.items()))
                if not ok and not _accepted(operation, item):
                    self.failures.append(item)
                self.done += 1
                if self.progress and (self.done % APPLY_BATCH == 0 or self.done == self.total):
                    self.progress(self.done, self.total)
        except BaseException as error:  # handed to the building thread, which raises it
            self.error = error

    def put(self, chunk: list[dict]) -> None:
        """Queue a chunk, unless the sender has stopped (then its error is raised here)."""
        while True:
            if self.error is not None:
                raise self.error
            try:
                self.chunks.put(chunk, timeout=0.5)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
        """Let the sender send what is queued and stop; wait for it."""
        if self.error is None:
            self.chunks.put(None)
        self.join()


def _bulk_beside(client, actions: Iterator[dict], total: int, progress) -> _BulkSender:
    """Bulk-send ``actions`` while the next ones are built; the finished sender has the counts.

    The documents are built in this thread (its database connection, and a test's transaction, are
    this thread's); the sending thread waits on the node meanwhile, so building and indexing overlap.
    """
    sender = _BulkSender(client, total, progress)
    sender.start()
    try:
        chunk: list[dict] = []
        for action in actions:
            chunk.append(action)
            if len(chunk) == APPLY_BATCH:
                sender.put(chunk)
                chunk = []
        if chunk:
            sender.put(chunk)
    finally:
        sender.finish()
    if sender.error is not None:
        raise sender.error
    return sender


def rebuild(
    key: str,
    *,
    rules: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    grace_seconds: float = OLD_INDEX_GRACE_SECONDS,
) -> RebuildResult:
    """Fill a fresh index from the database, then move the alias to it in one request.

    Searches keep using the old index until the swap; changes applied meanwhile go to both indexes
    (``apply_pending`` writes to every index of the alias), so none is lost by the swap.
    """
    client = get_client()
    started = time.monotonic()
    name = f"{alias(key)}-{timezone.now():%Y%m%d%H%M%S%f}"
    create_index(name, synonyms.current_rules() if rules is None else rules)
    client.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
    total = count_documents(key)
    try:
        sent = _bulk_beside(client, rebuild_actions(key, name), total, progress)
    except BaseException:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    if sent.failures:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise IndexingError(
            f"Rebuild of {key}: {len(sent.failures)} document(s) refused, first: {sent.failures[0]}"
        )
    client.indices.put_settings(index=name, settings={"refresh_interval": None})
    client.indices.refresh(index=name)
    old = sorted(set(client.indices.get(index=index_pattern(key), allow_no_indices=True)) - {name})
    swap = [{"add": {"index": name, "alias": alias(key)}}]
    if client.indices.exists_alias(name=alias(key)):
        swap.insert(0, {"remove": {"index": index_pattern(key), "alias": alias(key)}})
    client.indices.update_aliases(actions=swap)
    if old:
        time.sleep(grace_seconds)
        client.indices.delete(index=",".join(old), ignore_unavailable=True)
    return RebuildResult(
        key=key, index=name, documents=sent.done, seconds=time.monotonic() - started, removed=old
    )


# --- Verifying and repairing -------------------------------------------------------------------------


@dataclass
class Drift:
    key: str
    missing: list[str] = field(default_factory=list)  # document ids the index lacks
    extra: list[str] = field(default_factory=list)  # documents of objects that are gone or hidden
    stale: list[str] = field(default_factory=list)  # documents whose content differs from the database

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.extra) + len(self.stale)


def verify(key: str) -> Drift:
    """Compare every document the database would produce with what the index holds."""
    expected: dict[str, str] = {}
    for document_type in registry.in_index(key):
        for obj in document_type.queryset().iterator(chunk_size=APPLY_BATCH):
            expected[document_type.document_id(obj.pk)] = document_type.document(obj)["digest"]
    ensure_index(key)
    get_client().indices.refresh(index=alias(key))
    held = {
        hit["_id"]: hit["_source"].get("digest")
        for hit in helpers.scan(
            get_client(), index=alias(key), query={"query": {"match_all": {}}}, _source=["digest"]
        )
    }
    return Drift(
        key=key,
        missing=sorted(set(expected) - set(held)),
        extra=sorted(set(held) - set(expected)),
        stale=sorted(i for i in set(expected) & set(held) if expected[i] != held[i]),
    )


def repair(drift: Drift) -> int:
    """Fix exactly the drift ``verify`` found: re-send missing and stale documents, delete extra ones."""
    by_kind: dict[str, list] = defaultdict(list)
    orphans = []
    for document_id in [*drift.missing, *drift.stale, *drift.extra]:
        kind, _, object_id = document_id.rpartition("-")
        if registry.get(kind) is None:
            orphans.append(document_id)
        else:
            by_kind[kind].append(object_id)
    with transaction.atomic():
        for kind, object_ids in by_kind.items():
            changed_many(kind, object_ids)
    while apply_pending():
        pass
    if orphans:
        _send({"_op_type": "delete", "_index": alias(drift.key), "_id": i} for i in orphans)
    get_client().indices.refresh(index=alias(drift.key))
    return drift.total


# --- Status ------------------------------------------------------------------------------------------


def status() -> dict:
    """Counts per kind, alias targets and the backlog, as plain data for the command and the bench."""
    client = get_client()
    indexes = {}
    for key in INDEXES:
        name = alias(key)
        targets = (
            sorted(client.indices.get_alias(name=name)) if client.indices.exists_alias(name=name) else []
        )
        counts = {}
        if targets:
            response = client.search(
                index=name,
                size=0,
                aggs={"kinds": {"terms": {"field": "kind", "size": 50}}},
                track_total_hits=True,
            )
            counts = {b["key"]: b["doc_count"] for b in response["aggregations"]["kinds"]["buckets"]}
        building = sorted(
            set(client.indices.get(index=index_pattern(key), allow_no_indices=True)) - set(targets)
        )
        indexes[key] = {"alias": name, "targets": targets, "building": building, "counts": counts}
    return {"indexes": indexes, **backlog()}


def backlog() -> dict:
    """Pending changes and tasks, from the database alone (so it answers while the engine is down)."""
    oldest = IndexChange.objects.aggregate(oldest=Min("created_at"))["oldest"]
    return {
        "pending_changes": IndexChange.objects.count(),
        "pending_tasks": DBTaskResult.objects.filter(
            task_path=APPLY_TASK_PATH, status=TaskResultStatus.READY
        ).count(),
        "oldest_pending_seconds": (timezone.now() - oldest).total_seconds() if oldest else None,
    }
