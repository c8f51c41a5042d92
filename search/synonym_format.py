"""Checking one synonym rule in Solr format before it is saved, so a bad rule never breaks a rebuild.

A rule is ``a, b, c`` (equivalent words) or ``a, b => c`` (the left words are replaced by the right ones).
Elasticsearch refuses to create an index whose synonym filter holds a rule it cannot parse, or a word that
the analysis chain reduces to nothing (only particles or stop words): the check finds both before the
rebuild would.
"""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from elasticsearch import ApiError, TransportError

from search.client import get_client
from search.documents import KNOWLEDGE, alias

logger = logging.getLogger(__name__)

ANALYZE_TIMEOUT = 3  # seconds; the check is part of a form submission

# Characters that mean something to the Solr parser (escapes and the multi-word separator of its old form).
_FORBIDDEN = ("\\", "#")


def normalise_rule(rule: str) -> str:
    """One line, words separated by ``, `` and arrows by `` => ``, as the file writes them."""
    rule = " ".join((rule or "").split())
    if "=>" in rule:
        left, _arrow, right = rule.partition("=>")
        return f"{_join(left)} => {_join(right)}"
    return _join(rule)


def _join(side: str) -> str:
    return ", ".join(word.strip() for word in side.split(","))


def words_of(rule: str) -> list[str]:
    """The words of a rule, both sides of an arrow together."""
    return [word.strip() for word in rule.replace("=>", ",").split(",")]


def parse_errors(rule: str) -> list[str]:
    """What is wrong with the rule's form (empty when it is a well-formed Solr rule)."""
    if not rule.strip():
        return [_("規則を入力してください。")]
    if "\n" in rule or "\r" in rule:
        return [_("1つの規則は1行で書いてください。")]
    errors = []
    if any(char in rule for char in _FORBIDDEN):
        errors.append(_("「\\」と「#」は使えません。"))
    if rule.count("=>") > 1:
        errors.append(_("「=>」は1つの規則に1つだけ書けます。"))
    elif "=>" in rule:
        left, _arrow, right = rule.partition("=>")
        if not all(word.strip() for word in left.split(",")) or not all(w.strip() for w in right.split(",")):
            errors.append(_("「=>」の両側に語を書き、語と語の間に空の項目を作らないでください。"))
    elif not all(word.strip() for word in rule.split(",")):
        errors.append(_("「,」の間に空の項目があります。"))
    elif len(words_of(rule)) < 2:
        errors.append(
            _("同じ意味の語を2つ以上、「,」で区切って書いてください（例: ガバクラ, ガバメントクラウド）。")
        )
    return errors


def vanishing_words(rule: str) -> list[str] | None:
    """Words the index's analysis reduces to nothing; None when the engine cannot be asked."""
    client = get_client().options(request_timeout=ANALYZE_TIMEOUT, max_retries=0)
    vanishing = []
    try:
        for word in words_of(rule):
            response = client.indices.analyze(index=alias(KNOWLEDGE), analyzer="ja_index", text=word)
            if not response["tokens"]:
                vanishing.append(word)
    except (ApiError, TransportError) as error:
        logger.warning("Synonym rule %r not checked by the engine: %s", rule, error)
        return None
    return vanishing


def check_rule(rule: str) -> None:
    """Raise ValidationError (on the ``rule`` field) with a message for each problem of the rule."""
    errors = parse_errors(rule)
    if not errors:
        vanishing = vanishing_words(rule)
        if vanishing:
            errors.append(
                _("「%(words)s」は検索では助詞や記号として無視されるため、同義語にできません。")
                % {"words": "」「".join(vanishing)}
            )
    if errors:
        raise ValidationError({"rule": errors})
