"""Demo data that apps register for `manage.py load_demo`, so the command knows no app.

An app registers a loader in its AppConfig.ready(): `demo.register("consultations", load, order=100)`.
load_demo creates the portal's demo accounts first, then calls each loader by `order`, smaller first,
in the same transaction. A loader takes the demo password (accounts it adds log in like the portal's)
and returns the line load_demo prints about what it did; it must be safe to run again.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Loader:
    name: str
    load: Callable[[str], str]
    order: int


_loaders: dict[str, Loader] = {}


def register(name: str, loader: Callable[[str], str], order: int) -> None:
    """Adds a demo loader; refuses a name already registered."""
    if name in _loaders:
        raise ImproperlyConfigured(f"demo loader {name!r} is registered twice")
    _loaders[name] = Loader(name, loader, order)


def loaders() -> list[Loader]:
    return sorted(_loaders.values(), key=lambda loader: loader.order)
