import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import SimpleTestCase
from django.utils import translation

from tests.clients import PortalClient


def pytest_configure(config):
    if connection.vendor != "postgresql":
        pytest.exit("The suite runs on PostgreSQL: use `make test` (it starts one and sets DATABASE_URL).", 2)
    # Deliberately slow password hashing would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Test classes log in as the portal would, second factor included (see tests/clients.py).
    SimpleTestCase.client_class = PortalClient


@pytest.fixture
def client():
    """pytest-django's client, logging in as the portal would (see tests/clients.py)."""
    return PortalClient()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    # Login rate limits live in the database cache: one test's failures must not lock out the next.
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if uses_db:
        request.getfixturevalue("django_db_setup")
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request in English leaves English active in this thread; each test starts in Japanese.
    with translation.override(settings.LANGUAGE_CODE):
        yield
