"""The one allow-list for user HTML: every rich-text field is cleaned here, on input, with nh3."""

import html
import re

import nh3
from django.utils.html import escape, linebreaks

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h3", "h4"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def rich_text(value: str) -> str:
    """Safe HTML for a user's text: plain text becomes paragraphs, HTML is cut to the allow-list."""
    value = (value or "").strip()
    if "<" not in value:
        return linebreaks(escape(value))
    return nh3.clean(
        value,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(value: str) -> str:
    """The text of sanitised HTML, for e-mails, CSV and previews."""
    with_breaks = re.sub(r"(?i)<br\s*/?>|</p>|</li>", "\n", value or "")
    return html.unescape(nh3.clean(with_breaks, tags=set())).strip()
