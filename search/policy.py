"""Who may use search: everyone may search (results are limited to what each reader may find);
the list of queries that found nothing is for advisors, who act on it."""

from portal import access


def _search(user, obj=None, **context) -> bool:
    return True


def _zero_results(user, obj=None, **context) -> bool:
    return access.is_advisor_like(user)


RULES = {
    "search.search": _search,
    "search.zero_results": _zero_results,
}
