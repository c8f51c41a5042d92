"""Every /procurement/ URL against every persona: what each may open (200) or do (302), what sends
them to log in (302 to the login page) and what does not exist for them (404). The tables are in
tests/security/procurement_urls/, one module per concern of the app."""

import copy
import importlib
import pkgutil
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, resolve

from procurement import urls as procurement_urls
from tests.conftest import built_once
from tests.procurement.conftest import PERSONAS, build_persona_world
from tests.security import procurement_urls as tables_package

pytestmark = pytest.mark.django_db

TABLES = [
    importlib.import_module(f"{tables_package.__name__}.{module.name}")
    for module in pkgutil.iter_modules(tables_package.__path__)
]
GET_URLS = [(table, url, expected) for table in TABLES for url, expected in table.GET_URLS]
POST_URLS = [(table, url, expected, data) for table in TABLES for url, expected, data in table.POST_URLS]


@pytest.fixture(scope="module")
def _built(django_db_setup, django_db_blocker, tmp_path_factory):
    files = tmp_path_factory.mktemp("procurement-url-access")

    def build():
        from django.test import override_settings

        with override_settings(PRIVATE_STORAGE_ROOT=files):
            world = build_persona_world()
            return {"files": files, "world": world, "targets": {t.__name__: t.targets(world) for t in TABLES}}

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def built(settings, _built):
    settings.PRIVATE_STORAGE_ROOT = _built["files"]
    return copy.deepcopy(_built)


def _url(url, built, table, persona):
    world = built["world"]
    workspace = world["recruiting_workspace"] if persona == "recruitable" else world["workspace"]
    return url.format(ws=workspace.slug, **built["targets"][table.__name__])


def _check(client, log_in, built, table, url, expected, send):
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            log_in(built["world"]["people"][persona])
        target = _url(url, built, table, persona)
        response = send(client, target)
        assert response.status_code == expected[persona], (persona, target)
        if persona == "anonymous":
            assert response["Location"].startswith("/accounts/login/"), target


@pytest.mark.parametrize(("table", "url", "expected"), GET_URLS, ids=[u for _, u, _ in GET_URLS])
def test_procurement_pages_by_persona(client, log_in, built, table, url, expected):
    _check(client, log_in, built, table, url, expected, lambda c, target: c.get(target))


@pytest.mark.parametrize(("table", "url", "expected", "data"), POST_URLS, ids=[u for _, u, _, _ in POST_URLS])
def test_procurement_actions_by_persona(client, log_in, built, table, url, expected, data):
    """Each persona posts in turn on the same world: a table orders its personas' rights so that one
    persona's allowed action leaves the next one's answer as the table says."""
    slots = built["targets"][table.__name__]
    filled = {
        key.format(**slots): value.format(**slots) if isinstance(value, str) else value
        for key, value in data.items()
    }
    _check(client, log_in, built, table, url, expected, lambda c, target: c.post(target, filled))


def _routes(patterns, prefix="procurement/"):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def test_every_procurement_url_is_in_a_table(built):
    # A URL may carry a query (?municipality=...): the route is its path's.
    tabled = {
        resolve(urlsplit(_url(url, built, table, "founder")).path).route
        for table, url, *_ in [*GET_URLS, *POST_URLS]
    }
    assert set(_routes(procurement_urls.urlpatterns)) - tabled == set()
