"""Every URL pattern of the portal, found by walking the resolver, with a sample URL that reaches it."""

import itertools
import re

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RoutePattern
from django.utils.regex_helper import normalize

# Values tried for each URL parameter until the URL resolves to the pattern's own view.
SAMPLE_VALUES = ["1", "x", "C-2026-00001", "closed", "", "x/", "00000000-0000-0000-0000-000000000000"]
ROUTE_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def _level_format(pattern) -> str:
    """One level of a URL pattern as a %-format with a %(name)s slot per parameter."""
    if isinstance(pattern, RoutePattern):
        return ROUTE_PARAMETER.sub(lambda m: f"%({m.group(1)})s", str(pattern).replace("%", "%%"))
    return normalize(pattern.regex.pattern)[0][0]


def _patterns(resolver=None, prefix=""):
    """(format, view) for every URL pattern, walking every include."""
    for entry in (resolver or get_resolver()).url_patterns:
        level = prefix + _level_format(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, level)
        elif isinstance(entry, URLPattern):
            yield level, entry.callback


def _sample_url(url_format, view):
    """A URL that reaches `view` through this pattern, or None when no sample value fits."""
    names = re.findall(r"%\((\w+)\)s", url_format)
    for values in itertools.product(SAMPLE_VALUES, repeat=len(names)):
        url = "/" + url_format % dict(zip(names, values, strict=True))
        try:
            match = resolve(url)
        except Resolver404:
            continue
        if match.func is view or not names:
            # A parameterless pattern shadowed by an earlier one (as /admin/login/ shadows Wagtail's)
            # is reached only through the earlier one's view, which this URL reaches.
            return url
    return None


def sample_urls() -> tuple[list[str], list[str]]:
    """(one URL per pattern, the patterns no sample value fits: add values for those)."""
    urls, unreachable = set(), []
    for url_format, view in _patterns():
        url = _sample_url(url_format, view)
        if url is None:
            unreachable.append(url_format)
        else:
            urls.add(url)
    return sorted(urls), unreachable
