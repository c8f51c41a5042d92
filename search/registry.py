"""The search seam: each app registers, per model, how its objects become search documents.

An app's ``search.py`` builds a :class:`DocumentType` and calls :func:`register` from its
``AppConfig.ready()``; the indexing and query code reads them with :func:`all`. So ``search/`` imports no
app (only ``portal``, the kernel), and a new app becomes searchable without editing ``search/``.

Who may find a document is stored with it as :class:`Visibility` data, so that a query can filter on it
in the index: checking each hit one by one would cost work that grows with the number of documents.
"""

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.utils.html import strip_tags
from elasticsearch.dsl import Boolean, Field, Keyword, Object

from portal import access

# The indexer adds these to every document; an app's own fields may not use the names.
RESERVED_FIELDS: dict[str, Field] = {
    "type": Keyword(),
    "visibility": Object(properties={"public": Boolean(), "municipalities": Keyword(), "roles": Keyword()}),
}


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
    """How the objects of one model become documents.

    - ``name``: stable slug, stored as each document's ``type`` (e.g. ``"case_study"``).
    - ``fields``: the mapping, as elasticsearch-dsl field objects (Japanese text through
      :func:`search.analysis.japanese_text`).
    - ``prepare``: the object as plain data, one key per field.
    - ``queryset``: everything to (re)index, with what ``prepare`` reads prefetched.
    - ``visibility``: who may find the object's document.
    - ``view_action``: the ``portal.access`` action that decides for one object, if there is one; the
      document's visibility must agree with it (each app's tests check that).
    """

    name: str
    model: type[Model]
    fields: Mapping[str, Field]
    prepare: Callable[[Any], dict]
    queryset: Callable[[], QuerySet]
    visibility: Callable[[Any], Visibility]
    view_action: str | None = None

    def __post_init__(self):
        if not self.name:
            raise ImproperlyConfigured("A search document type needs a name.")
        if not self.fields:
            raise ImproperlyConfigured(f"Search document type {self.name!r} declares no fields.")
        clash = sorted(set(self.fields) & set(RESERVED_FIELDS))
        if clash:
            raise ImproperlyConfigured(f"Search document type {self.name!r} uses reserved fields {clash}.")

    def mapping_fields(self) -> dict[str, Field]:
        """Every field of this type's documents, the indexer's own included."""
        return {**RESERVED_FIELDS, **self.fields}

    def document(self, obj) -> dict:
        """The document for ``obj``; refuses data for a field the mapping does not declare."""
        data = self.prepare(obj)
        undeclared = sorted(set(data) - set(self.fields))
        if undeclared:
            raise ImproperlyConfigured(
                f"Search document type {self.name!r} prepared undeclared fields {undeclared}."
            )
        return {**data, "type": self.name, "visibility": self.visibility(obj).to_dict()}


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


# The project's one registry, filled by the apps' ready(); tests build a Registry of their own.
registry = Registry()


def register(document_type: DocumentType) -> None:
    registry.register(document_type)


def all() -> tuple[DocumentType, ...]:
    """Every document type the apps registered (callers write ``search.registry.all()``)."""
    return registry.all()
