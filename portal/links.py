"""Addresses of this portal's pages that people type or paste (what an event led to, for one), and
whether a person can open one. A page that shows one object opens when its app registered the page
(:func:`register`) and says the object exists and is in the person's scope; other pages addressed by
an object (actions, files, unregistered pages) are not pages to link to. A page addressed by nothing
(a list, a form) opens; a Wagtail page opens when it is live."""

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils.translation import gettext as _
from wagtail import views as wagtail_views
from wagtail.models import Site

Opens = Callable[..., bool]  # (user, **the URL's keyword arguments) -> bool

_opens: dict[tuple[str, str], Opens] = {}


def register(namespace: str, url_names: Iterable[str], opens: Opens) -> None:
    for url_name in url_names:
        _opens[namespace, url_name] = opens


def site_path(address: str, *, actor) -> str:
    """The path (with its query and fragment) of the page of this site that ``address`` names: a path
    as typed (``/knowhow/12/``), or an address copied from the browser's address bar on this site.
    Raises ValidationError for another site's address, anything that is not a path, or a path to no
    page ``actor`` can open."""
    parts = urlsplit(address.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not _is_this_site(parts.netloc):
            raise ValidationError(_("このサイトのページのURL（/ から始まるもの）を入力してください。"))
    if not parts.path.startswith("/"):
        raise ValidationError(_("このサイトのページのURL（/ から始まるもの）を入力してください。"))
    if not opens(actor, parts.path):
        raise ValidationError(_("このサイトにそのページはありません。URLを確かめてください。"))
    return urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def opens(user, path: str) -> bool:
    """Whether ``user`` can open the page at ``path`` (a query or fragment is ignored)."""
    match = _page_at(urlsplit(path).path)
    if match is None:
        return False
    page_opens = _opens.get((match.namespace, match.url_name))
    if page_opens is None:
        return not match.kwargs
    return page_opens(user, **match.kwargs)


def _is_this_site(netloc: str) -> bool:
    domain, _port = split_domain_port(netloc)
    base = split_domain_port(urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc)[0]
    return bool(domain) and validate_host(domain, [*settings.ALLOWED_HOSTS, base])


def _page_at(path: str) -> ResolverMatch | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.func is not wagtail_views.serve:
        return match
    # Wagtail's pattern takes any path: the page tree says whether a live page is there.
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    try:
        site.root_page.specific.route(None, [part for part in path.split("/") if part])
    except Http404:
        return None
    return match
