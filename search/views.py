"""The search page, the autocomplete and the advisors' list of queries that found nothing.

Views parse, call ``search.query`` and render. When the engine cannot answer, the search page says so
(503) and points to the lists that work without it; the autocomplete answers an empty list.
"""

import logging
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from elasticsearch import ApiError, TransportError

from portal import access
from portal.models import Municipality, SystemArea
from search import query, registry, zero_results
from search.query import FACETS, Criteria, Sort

log = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200


class EngineUnavailable(Exception):
    """Elasticsearch did not answer (down, unreachable, timed out, or failing on its side)."""


def _execute(search):
    try:
        return search.execute()
    except TransportError as error:
        raise EngineUnavailable(str(error)) from error
    except ApiError as error:
        if error.meta.status >= 500:
            raise EngineUnavailable(str(error)) from error
        raise


@dataclass
class Result:
    title: str  # safe HTML: highlighted by the engine with the html encoder, or escaped here
    url: str
    kind: str
    fragments: list = field(default_factory=list)
    updated: str = ""


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    param: str
    label: str
    options: list


FACET_LABELS = {
    "kind": gettext_lazy("種類"),
    "area": gettext_lazy("業務分野"),
    "municipality": gettext_lazy("市町村"),
    "arrangement": gettext_lazy("形態"),
    "category": gettext_lazy("分類"),
    "year": gettext_lazy("年"),
    "tag": gettext_lazy("タグ"),
}


def parse(params) -> Criteria:
    text = " ".join(params.get("q", "").split())[:MAX_QUERY_LENGTH]
    selected = {param: tuple(v for v in params.getlist(param) if v)[:20] for param in FACETS}
    sort = params.get("sort") if params.get("sort") in Sort.ALL else Sort.RELEVANCE
    try:
        page = int(params.get("page", "1"))
    except ValueError:
        page = 1
    return Criteria(text=text, selected={k: v for k, v in selected.items() if v}, sort=sort, page=page)


def shown(user, hits) -> list:
    """The hits whose objects the reader may open, in order (see ``search.registry.viewable``)."""
    allowed = registry.viewable(user, [hit.meta.id for hit in hits])
    return [hit for hit in hits if hit.meta.id in allowed]


def _kind_label(kind: str) -> str:
    document_type = registry.get(kind)
    return str(document_type.label) if document_type else kind


def _result(hit) -> Result:
    highlight = getattr(hit.meta, "highlight", None)
    highlight = highlight.to_dict() if highlight else {}
    title_marked = highlight.get("title") or highlight.get("title.ngram")
    title = mark_safe(title_marked[0]) if title_marked else escape(hit.title)  # noqa: S308
    fragments = []
    for name in ("summary", "body", "attachments"):
        fragments += highlight.get(name, [])
    if not fragments:
        fragments = highlight.get("body.ngram", [])
    fragments = [mark_safe(fragment) for fragment in fragments[:3]]  # noqa: S308 — escaped by the engine
    if not fragments and getattr(hit, "summary", ""):
        fragments = [escape(hit.summary[:160])]
    return Result(
        title=title,
        url=hit.url,
        kind=_kind_label(hit.kind),
        fragments=fragments,
        updated=getattr(hit, "updated", "") or "",
    )


def _choice_labels(field_name: str) -> dict:
    labels = {}
    for document_type in registry.all():
        labels.update({str(k): str(v) for k, v in document_type.choice_labels.get(field_name, {}).items()})
    return labels


def _labeller(param: str, keys: list[str]):
    if param == "kind":
        return _kind_label
    if param in ("area", "municipality"):
        model = SystemArea if param == "area" else Municipality
        pks = [int(k) for k in keys if k.isdigit()]
        objects = model.objects.in_bulk(pks)
        return lambda key: str(objects[int(key)]) if key.isdigit() and int(key) in objects else key
    if param == "year":
        return lambda key: _("%(year)s年") % {"year": key}
    if param in ("arrangement", "category"):
        labels = _choice_labels(FACETS[param])
        return lambda key: labels.get(key, key)
    return str


def _toggle_url(criteria: Criteria, param: str, value: str) -> str:
    selected = {k: list(v) for k, v in criteria.selected.items()}
    values = selected.setdefault(param, [])
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    return "?" + _query_string(criteria, selected)


def _query_string(criteria: Criteria, selected=None, **extra) -> str:
    selected = criteria.selected if selected is None else selected
    pairs = [("q", criteria.text)] if criteria.text else []
    pairs += [(param, value) for param in FACETS for value in selected.get(param, ())]
    if criteria.sort != Sort.RELEVANCE:
        pairs.append(("sort", criteria.sort))
    pairs += list(extra.items())
    return urlencode(pairs)


def _facets(criteria: Criteria, response) -> list[Facet]:
    facets = []
    aggregations = response.aggregations
    for param in FACETS:
        buckets = [(str(bucket.key), bucket.doc_count) for bucket in getattr(aggregations, param).buckets]
        if param == "year":
            buckets.sort(reverse=True)
        if not buckets:
            continue
        label = _labeller(param, [key for key, _count in buckets])
        chosen = criteria.selected.get(param, ())
        options = [
            Option(key, label(key), count, key in chosen, _toggle_url(criteria, param, key))
            for key, count in buckets
        ]
        facets.append(Facet(param, FACET_LABELS[param], options))
    return facets


def _did_you_mean(criteria: Criteria, response, user) -> str:
    found = query.correction(criteria.text, response)
    if not found:
        return ""
    corrected, words = found
    # The suggester reads the whole index: offer a correction only if the reader may see what it finds.
    if _execute(query.correction_check(words, user)).hits.total.value == 0:
        return ""
    return corrected


@require_GET
def results(request):
    access.require(request.user, "search.search")
    criteria = parse(request.GET)
    context = {"criteria": criteria, "sorts": ((Sort.RELEVANCE, _("関連度順")), (Sort.DATE, _("新しい順")))}
    if criteria.empty:
        return render(request, "search/results.html", context)
    try:
        response = _execute(query.results_search(criteria, request.user))
        total = response.hits.total.value
        paginator = Paginator(range(min(total, query.MAX_RESULTS)), query.PAGE_SIZE)
        page = paginator.get_page(criteria.page)
        if total and page.number != min(max(criteria.page, 1), query.MAX_PAGES):
            criteria = Criteria(criteria.text, criteria.selected, criteria.sort, page.number)
            response = _execute(query.results_search(criteria, request.user))
        hits = shown(request.user, list(response.hits))
        suggestion = _did_you_mean(criteria, response, request.user) if total < query.FEW_HITS else ""
    except EngineUnavailable as error:
        log.warning("search engine unavailable: %s", error)
        return render(request, "search/unavailable.html", context, status=503)
    if total == 0 and criteria.text and criteria.page <= 1:
        zero_results.record(criteria.text)
    context.update(
        total=total,
        capped=total > query.MAX_RESULTS,
        max_results=query.MAX_RESULTS,
        page=page,
        results=[_result(hit) for hit in hits],
        facets=_facets(criteria, response),
        suggestion=suggestion,
        suggestion_url="?" + urlencode([("q", suggestion)]) if suggestion else "",
        page_query=_query_string(criteria),
        sort_query=_query_string(Criteria(criteria.text, criteria.selected)),
        selected_any=any(criteria.selected.values()),
    )
    return render(request, "search/results.html", context)


def suggestions(user, text: str) -> list[dict]:
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not text:
        return []
    try:
        response = _execute(query.suggest_search(text, user))
    except EngineUnavailable as error:
        log.warning("search engine unavailable for suggestions: %s", error)
        return []
    return [
        {"title": hit.title, "url": hit.url, "kind": _kind_label(hit.kind)}
        for hit in shown(user, response.hits)
    ]


@require_GET
def suggest(request) -> HttpResponse:
    access.require(request.user, "search.search")
    found = suggestions(request.user, request.GET.get("q", ""))
    if "application/json" in request.headers.get("Accept", "") or request.GET.get("format") == "json":
        return JsonResponse({"suggestions": found})
    return render(request, "search/suggest.html", {"q": request.GET.get("q", ""), "suggestions": found})


@require_GET
@login_required
def zero_result_list(request):
    access.require(request.user, "search.zero_results")
    return render(request, "search/zero_results.html", {"weeks": zero_results.by_week()})
