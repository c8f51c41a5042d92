"""Who may use search, registered in SearchConfig.ready(): everyone may search (results are limited to
what each reader may find); the queries that found nothing and the synonym rules are for advisors, who
act on them."""

from portal.access import is_advisor_like


def _search(user, obj=None, **context) -> bool:
    return True


def _advisors(user, obj=None, **context) -> bool:
    return is_advisor_like(user)


RULES = {
    "search.search": _search,
    "search.zero_results": _advisors,
    "synonym.manage": _advisors,
}
