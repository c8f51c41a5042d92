"""The search app's own access rules, registered in SearchConfig.ready()."""

from portal.access import is_advisor_like


def _manage_synonyms(user, obj=None, **context) -> bool:
    """Advisors (and admins) keep the synonym rules that the indexes are built with."""
    return is_advisor_like(user)


RULES = {
    "synonym.manage": _manage_synonyms,
}
