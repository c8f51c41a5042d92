"""What the apps register with the kernel in their AppConfig.ready(): named things, kept in the order
they were registered. A name registered twice is a configuration error, never a silent override (two
apps would fight over it), and a refused call registers nothing."""

from collections.abc import Iterator
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, what: str, *, key: str = "name"):
        self.what = what
        self.key = key
        self._items: dict[str, T] = {}

    def register(self, *items: T) -> None:
        names = [getattr(item, self.key) for item in items]
        twice = sorted({name for name in names if name in self._items or names.count(name) > 1})
        if twice:
            raise ImproperlyConfigured(f"{self.what} registered twice: {', '.join(twice)}")
        self._items.update(zip(names, items, strict=True))

    def get(self, name: str) -> T | None:
        return self._items.get(name)

    def __contains__(self, name: str) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))
