"""The search seam: each app registers, per model, how its objects become search documents.

An app's ``search.py`` builds a :class:`DocumentType` and calls :func:`register` from its
``AppConfig.ready()``; the indexing and query code reads them with :func:`all`. So ``search/`` imports no
app (only ``portal``, the kernel), and a new app becomes searchable without editing ``search/``.

Who may find a document is stored with it as :class:`Visibility` data, so that a query (and its counts)
can filter on it in the index; the hits shown are checked once more against ``view_action``.
"""

import hashlib
import html
import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.utils.html import strip_tags

from portal import access
from search.documents import COMMON_FIELDS, INDEXES, KNOWLEDGE

logger = logging.getLogger(__name__)

# The indexer adds these to every document; an app's prepare() may not return them.
RESERVED_FIELDS = frozenset({"kind", "visibility", "digest"})


def plain_text(stored_html: str) -> str:
    """The text of stored (sanitised) HTML, for a ``prepare`` function: no tags, no entities."""
    return html.unescape(strip_tags(stored_html or "")).strip()


@dataclass(frozen=True)
class Visibility:
    """Who may find one document: everyone, or active members of these roles or municipalities."""

    public: bool = False
    municipalities: frozenset[int] = frozenset()  # pks; their active staff may find the document
    roles: frozenset[str] = frozenset()  # portal roles that may find it wherever it belongs

    def admits(self, user) -> bool:
        """The same decision a query filter on :meth:`to_dict` makes, for one user."""
        if self.public:
            return True
        if access.role_of(user) in self.roles:
            return True
        municipality = access.municipality_of(user)
        return municipality is not None and municipality.pk in self.municipalities

    def to_dict(self) -> dict:
        return {
            "public": self.public,
            "municipalities": sorted(self.municipalities),
            "roles": sorted(self.roles),
        }


@dataclass(frozen=True)
class DocumentType:
    """How the objects of one model become documents of the common shape (``search.documents``).

    - ``name``: stable slug, stored as each document's ``kind`` (e.g. ``"case_study"``).
    - ``label``: what a reader calls this kind (lazy translation), for facets and result lists.
    - ``index``: ``KNOWLEDGE`` (what members share) or ``CONSULTATIONS`` (private to their parties).
    - ``prepare``: the object as plain data, a subset of ``COMMON_FIELDS``.
    - ``queryset``: everything to (re)index, with what ``prepare`` reads prefetched; an object that leaves
      it (unpublished, hidden, deleted) leaves the index.
    - ``visibility``: who may find the object's document.
    - ``view_action``: the ``portal.access`` action that decides for one object; results are checked
      against it again before they are shown, and the document's visibility must agree with it.
    - ``choice_labels``: labels for the stored slugs of a facet field (``{"category": {"x": "…"}}``).
    - ``access_queryset``: the objects of ``queryset`` with only what ``view_action`` reads, for checking
      the hits a page shows (default: ``queryset``). Give one when a document reads much more than the
      decision does: a result page checks every hit it shows.
    """

    name: str
    label: Any
    model: type[Model]
    prepare: Callable[[Any], dict]
    queryset: Callable[[], QuerySet]
    visibility: Callable[[Any], Visibility]
    view_action: str
    index: str = KNOWLEDGE
    choice_labels: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    access_queryset: Callable[[], QuerySet] | None = None

    def __post_init__(self):
        if not self.name:
            raise ImproperlyConfigured("A search document type needs a name.")
        if self.index not in INDEXES:
            raise ImproperlyConfigured(
                f"Search document type {self.name!r} names unknown index {self.index!r}; "
                f"use one of {sorted(INDEXES)}."
            )

    def document_id(self, pk) -> str:
        """One id space per index: the kind keeps a post and a FAQ with the same pk apart."""
        return f"{self.name}-{pk}"

    def document(self, obj) -> dict:
        """The document for ``obj``; refuses data for a field the common shape does not declare."""
        data = self.prepare(obj)
        reserved = sorted(set(data) & RESERVED_FIELDS)
        if reserved:
            raise ImproperlyConfigured(
                f"Search document type {self.name!r} prepared reserved fields {reserved}."
            )
        undeclared = sorted(set(data) - set(COMMON_FIELDS))
        if undeclared:
            raise ImproperlyConfigured(
                f"Search document type {self.name!r} prepared undeclared fields {undeclared}."
            )
        document = {**data, "kind": self.name, "visibility": self.visibility(obj).to_dict()}
        return {**document, "digest": digest(document)}


def viewable(user, document_ids: Iterable[str]) -> dict[str, tuple[DocumentType, Model]]:
    """The objects behind these document ids that ``user`` may view, by document id.

    The index's visibility filter is checked once more, against each type's ``view_action``: a stale
    document, or a visibility that disagrees with the rule, never shows an object. Ids of unknown kinds,
    of objects that left their type's queryset and of objects refused are left out (and logged).
    """
    wanted: dict[str, list] = {}
    for document_id in document_ids:
        kind, _sep, object_id = document_id.rpartition("-")
        wanted.setdefault(kind, []).append(object_id)
    found: dict[str, tuple[DocumentType, Model]] = {}
    for kind, object_ids in wanted.items():
        document_type = registry.get(kind)
        if document_type is None:
            logger.warning("Search hits of unregistered kind %s dropped", kind)
            continue
        pks = [document_type.model._meta.pk.to_python(object_id) for object_id in object_ids]
        objects = (document_type.access_queryset or document_type.queryset)().filter(pk__in=pks)
        for obj in objects:
            document_id = document_type.document_id(obj.pk)
            if access.can(user, document_type.view_action, obj):
                found[document_id] = (document_type, obj)
            else:
                logger.warning(
                    "Search hit %s refused by %s for user %s: the index's visibility disagrees",
                    document_id,
                    document_type.view_action,
                    getattr(user, "pk", None),
                )
    return found


def digest(document: dict) -> str:
    """A fingerprint of a document's content, so ``verify`` can tell a stale document from a current one."""
    encoded = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()[:32]


class Registry:
    def __init__(self):
        self._types: dict[str, DocumentType] = {}

    def register(self, document_type: DocumentType) -> None:
        """Add a document type; a name or a model registered twice is a mistake, not an override."""
        if document_type.name in self._types:
            raise ImproperlyConfigured(f"Search document type {document_type.name!r} is already registered.")
        for existing in self._types.values():
            if existing.model is document_type.model:
                raise ImproperlyConfigured(
                    f"{document_type.model.__name__} already has search document type {existing.name!r}."
                )
        self._types[document_type.name] = document_type

    def all(self) -> tuple[DocumentType, ...]:
        """Every registered type, in registration order."""
        return tuple(self._types.values())

    def get(self, name: str) -> DocumentType | None:
        return self._types.get(name)

    def for_model(self, model: type[Model]) -> DocumentType | None:
        """The type registered for exactly this model (a subclass has a type of its own, or none)."""
        for document_type in self._types.values():
            if document_type.model is model:
                return document_type
        return None

    def in_index(self, index: str) -> tuple[DocumentType, ...]:
        return tuple(t for t in self._types.values() if t.index == index)


# The project's one registry, filled by the apps' ready(); tests build a Registry of their own.
registry = Registry()


def register(document_type: DocumentType) -> None:
    registry.register(document_type)


def all() -> tuple[DocumentType, ...]:
    """Every document type the apps registered (callers write ``search.registry.all()``)."""
    return registry.all()


def get(name: str) -> DocumentType | None:
    return registry.get(name)


def for_model(model: type[Model]) -> DocumentType | None:
    return registry.for_model(model)


def in_index(index: str) -> tuple[DocumentType, ...]:
    return registry.in_index(index)
