"""The synonym rules new indexes are built with: the advisors' rules (the ``SynonymRule`` snippet), seeded
from ``search/synonyms.txt``; the file itself while the table is still empty."""

from search.analysis import load_synonyms
from search.models import SynonymRule


def current_rules() -> list[str]:
    """The active rules of the database, or the rules of ``search/synonyms.txt`` when it holds none."""
    if not SynonymRule.objects.exists():
        return load_synonyms()
    return list(SynonymRule.objects.filter(active=True).order_by("pk").values_list("rule", flat=True))
