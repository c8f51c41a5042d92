"""Paginators for long lists that never count a whole table on a page view.

A list whose size is kept elsewhere (``consultations.counts``) passes it as ``count``; any other list is
counted up to ``cap`` rows only, and says so (``capped``): past that many the reader narrows the list.
"""

from functools import cached_property

from django.core.paginator import Paginator

COUNT_CAP = 10_000


class BoundedPaginator(Paginator):
    """``object_list``: a QuerySet, or a sliceable list that names the QuerySet to count as ``queryset``."""

    def __init__(self, object_list, per_page, *, count: int | None = None, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count, self.cap = count, COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return self.known_count
        rows = getattr(self.object_list, "queryset", self.object_list)
        return rows.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        """True when the list holds more rows than were counted (and than its pages reach)."""
        return self.known_count is None and self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        if self.capped:
            return -(-self.cap // self.per_page)
        return super().num_pages
