"""Addresses of this portal's pages that people type or paste (what an event led to, for one)."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from wagtail import views as wagtail_views
from wagtail.models import Site


def site_path(address: str) -> str:
    """The path (with its query and fragment) of the page of this site that ``address`` names: a path
    as typed (``/knowhow/12/``), or an address copied from the browser's address bar on this site.
    Raises ValidationError for another site's address, anything that is not a path, or a path that
    leads to no page."""
    parts = urlsplit(address.strip())
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not _is_this_site(parts.netloc):
            raise ValidationError(_("このサイトのページのURL（/ から始まるもの）を入力してください。"))
    if not parts.path.startswith("/"):
        raise ValidationError(_("このサイトのページのURL（/ から始まるもの）を入力してください。"))
    if not _leads_to_a_page(parts.path):
        raise ValidationError(_("このサイトにそのページはありません。URLを確かめてください。"))
    return urlunsplit(("", "", parts.path, parts.query, parts.fragment))


def _is_this_site(netloc: str) -> bool:
    domain, _port = split_domain_port(netloc)
    base = split_domain_port(urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc)[0]
    return bool(domain) and validate_host(domain, [*settings.ALLOWED_HOSTS, base])


def _leads_to_a_page(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    if match.func is not wagtail_views.serve:
        return True
    # Wagtail's pattern takes any path: the page tree says whether a live page is there.
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return False
    try:
        site.root_page.specific.route(None, [part for part in path.split("/") if part])
    except Http404:
        return False
    return True
