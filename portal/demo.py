"""Demo data that apps register for `manage.py load_demo`, so the command knows no app.

An app registers a loader in its AppConfig.ready(): `demo.register("consultations", load, order=100)`.
load_demo creates the portal's demo accounts first, then calls each loader by `order`, smaller first,
in the same transaction. A loader takes the demo password (accounts it adds log in like the portal's)
and returns the line load_demo prints about what it did; it must be safe to run again.

A loader may leave something for a later one of the same run with `hand(name, value)` (the desk hands
the consultation the know-how demo makes its FAQ from), which the later one reads with `handed(name)`:
apps still import nothing of each other. A loader that finds its data already there hands it again.
"""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.utils import timezone

from portal.models import Membership, Municipality, User
from portal.registry import Registry


@dataclass(frozen=True)
class Loader:
    name: str
    load: Callable[[str], str]
    order: int


_loaders: Registry[Loader] = Registry("demo loaders")
_handed: dict[str, object] = {}


def register(name: str, loader: Callable[[str], str], order: int) -> None:
    """Adds a demo loader; refuses a name already registered."""
    _loaders.register(Loader(name, loader, order))


def loaders() -> list[Loader]:
    return sorted(_loaders, key=lambda loader: loader.order)


def hand(name: str, value) -> None:
    """Leave `value` for the loaders that run later in this run of load_demo."""
    _handed[name] = value


def handed(name: str, default=None):
    """What an earlier loader of this run handed under `name` (`default` when none did)."""
    return _handed.get(name, default)


def run(password: str) -> list[str]:
    """Every loader, by `order`, each handed what the earlier ones of this run left; their reports."""
    _handed.clear()
    return [loader.load(password) for loader in loaders()]


def account(
    email: str,
    last_name: str,
    first_name: str,
    role: str,
    password: str,
    municipality: Municipality | None = None,
) -> User:
    """A demo login with a verified address and one active membership. An existing account is kept as it
    is, so every loader may ask for the same person and a second load changes nothing."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"last_name": last_name, "first_name": first_name}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        Membership.objects.create(
            user=user,
            role=role,
            municipality=municipality,
            state=Membership.State.ACTIVE,
            started_on=timezone.localdate(),
        )
    return user
