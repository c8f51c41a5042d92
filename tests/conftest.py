import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import SimpleTestCase
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from portal import access
from search import indexing
from search.client import engine_health, get_client
from search.documents import INDEXES, alias
from tests import databases
from tests.clients import PortalClient
from tests.scheduling import CollectionOrderScheduling

# The one TOTP secret of the suite: every test user who enrols an authenticator enrols this one.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_SECRET, offset: int = 0) -> str:
    """The code an authenticator app shows now (offset: that many periods later).

    A code about to expire is waited out, as a person would: the server takes a code in its own period
    only, and one read in a period's last seconds may reach it in the next (the more so on a busy machine).
    """
    left = mfa_settings.TOTP_PERIOD - time.time() % mfa_settings.TOTP_PERIOD
    if left < 5:
        time.sleep(left)
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD + offset))


def pytest_configure(config):
    if connection.vendor != "postgresql":
        pytest.exit("The suite runs on PostgreSQL: use `make test` (it starts one and sets DATABASE_URL).", 2)
    # Deliberately slow password hashing would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Under pytest-xdist each worker has a database of its own (pytest-django suffixes its name); its
    # index and alias names, and the files it stores, are its own as well.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:
        settings.ELASTICSEARCH_INDEX_PREFIX = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{worker}"
    storage = Path(tempfile.mkdtemp(prefix=f"madoguchi-files-{worker or 'main'}-"))
    config.add_cleanup(lambda: shutil.rmtree(storage, ignore_errors=True))
    settings.MEDIA_ROOT = storage / "media"
    settings.PRIVATE_STORAGE_ROOT = storage / "private"
    # Test classes log in as the portal would, second factor included (see tests/clients.py).
    SimpleTestCase.client_class = PortalClient


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` keeps pytest-django's order on every worker (see tests/scheduling.py)."""
    if config.getvalue("dist") == "loadfile":
        return CollectionOrderScheduling(config, log)
    return None


@pytest.fixture
def client():
    """pytest-django's client, logging in as the portal would (see tests/clients.py)."""
    return PortalClient()


@pytest.fixture
def log_in(client):
    """log_in(user) logs `user` in on the test client as the portal would, and returns the client.

    Advisors and admins cannot reach a page without a second factor: they enrol TOTP_SECRET first.
    """

    def log_in(user):
        if access.mfa_required(user) and not is_mfa_enabled(user):
            TOTP.activate(user, TOTP_SECRET)
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def seeded(db):
    seed()


def seed():
    """The 39 municipalities and the seed's cases, typology, success factors and adoption status."""
    call_command("load_reference_data", verbosity=0)
    call_command("load_cases", verbosity=0)


def built_once(django_db_blocker, build):
    """The body of a module- or class-scoped fixture (`yield from built_once(...)`) whose rows every test
    of that scope shares, for worlds too costly to build per test.

    build() runs once, in a transaction kept open while the scope's tests run. pytest-django nests each
    test's own transaction in it, so whatever a test writes is rolled back to the rows as built, and
    those are rolled back when the scope ends. Give each test `copy.deepcopy` of what this yields, so
    that no test sees another's changes to the objects in memory.
    """
    with django_db_blocker.unblock():
        scope = transaction.atomic()
        scope.__enter__()
        try:
            built = build()
        except BaseException:
            transaction.set_rollback(True)
            scope.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            scope.__exit__(None, None, None)


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    # A worker's database is a fresh copy of the migrated template: pytest-django is to use it as it is.
    return request.config.getvalue("reuse_db") or databases.cloned(request.config)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, request, django_db_blocker, tmp_path_factory
):
    """Under pytest-xdist, each worker's test database is copied from one migrated template
    (tests/databases.py) before pytest-django sets it up."""
    if not databases.cloned(request.config):
        yield
        return
    # The run's temporary folder, which every worker's own folder is in.
    shared = tmp_path_factory.getbasetemp().parent
    with django_db_blocker.unblock():
        name = databases.copy_of_the_template(shared)
    yield
    with django_db_blocker.unblock():
        databases.drop(name)


def pytest_sessionfinish(session):
    if session.config.pluginmanager.hasplugin("dsession") and not session.config.getvalue("reuse_db"):
        with session.config.stash[blocking_manager_key].unblock():
            databases.drop(databases.template_name())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("createcachetable", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache(request, django_db_blocker):
    # Login rate limits live in the database cache: one test's failures must not lock out the next.
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if uses_db:
        request.getfixturevalue("django_db_setup")
        with django_db_blocker.unblock():
            cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request in English leaves English active in this thread; each test starts in Japanese.
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _session_refreshed_once(settings):
    # A session refreshes after its first page, then once an interval: an hour here, so that whether a
    # test's page writes the session depends on what the test does, not on how long it took.
    settings.SESSION_ACTIVITY_REFRESH_SECONDS = 3600


@pytest.fixture(scope="session")
def es():
    """The real Elasticsearch node at ELASTICSEARCH_URL; the tests fail (not skip) when it is not up."""
    health = engine_health()
    if health["status"] != "ok":
        pytest.fail(
            f"Elasticsearch at {settings.ELASTICSEARCH_URL} is not available ({health['detail']}). "
            "Start it with `search/engine/run start` (make test starts one on port 9201) "
            "and point ELASTICSEARCH_URL at it.",
            pytrace=False,
        )
    return get_client()


@pytest.fixture
def search_indexes(es, settings):
    """Empty knowledge and consultation indexes of this test's own, deleted afterwards."""
    settings.ELASTICSEARCH_INDEX_PREFIX = f"{settings.ELASTICSEARCH_INDEX_PREFIX}-t{uuid.uuid4().hex[:10]}"
    indexing.ensure_indexes()
    yield es
    # Deleting by wildcard is refused (action.destructive_requires_name): name every index.
    names = list(es.indices.get(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-*", allow_no_indices=True))
    if names:
        es.indices.delete(index=",".join(names), ignore_unavailable=True)


def index_now() -> int:
    """Apply every pending index change now, as the worker would, and make it searchable at once."""
    applied = 0
    while batch := indexing.apply_pending():
        applied += batch
    get_client().indices.refresh(index=",".join(alias(key) for key in INDEXES))
    return applied
