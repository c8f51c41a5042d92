"""Test databases for pytest-xdist workers: one migration, then a copy per worker.

Migrating is the slowest step of a run's start, and two workers migrating at once on two cores take
about twice as long as one. So the first worker that needs a database migrates a template (under a
lock in the run's shared temporary folder); every worker's own database is a copy of it, made with
PostgreSQL's CREATE DATABASE ... TEMPLATE, and pytest-django then finds it migrated (keepdb). Each
worker drops its copy at the end; the controller drops the template.
"""

import fcntl
from pathlib import Path

from django.db import connection


def cloned(config) -> bool:
    """Whether this process's test database is a copy of the template: in a worker of a run that
    neither keeps its databases (--reuse-db) nor skips migrations."""
    return (
        hasattr(config, "workerinput")
        and not config.getvalue("reuse_db")
        and not config.getvalue("nomigrations")
    )


def template_name() -> str:
    return f"test_{connection.settings_dict['NAME']}_template"


def copy_of_the_template(shared: Path) -> str:
    """Make this worker's test database a fresh copy of the migrated template; return its name."""
    with (shared / "madoguchi-template.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ready = shared / "madoguchi-template.ready"
        if not ready.exists():
            _migrate_template()
            ready.touch()
    name = connection.creation._get_test_db_name()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template_name())}")
    return name


def _migrate_template() -> None:
    settings_dict = connection.settings_dict
    name, test_name = settings_dict["NAME"], settings_dict["TEST"].get("NAME")
    settings_dict["TEST"]["NAME"] = template_name()
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        # Nobody may be connected to a template while it is copied.
        connection.close()
        settings_dict["NAME"] = name
        settings_dict["TEST"]["NAME"] = test_name


def drop(name: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")
