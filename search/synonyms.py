"""The synonym rules new indexes are built with."""

from search.analysis import load_synonyms


def current_rules() -> list[str]:
    """The rules of ``search/synonyms.txt``."""
    return load_synonyms()
