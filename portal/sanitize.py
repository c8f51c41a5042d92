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


# C0 and C1 control characters (CR, LF, TAB, NUL, ESC, NEL, …) and the Unicode line and paragraph
# separators: none belongs in a one-line value such as a title, and in a mail header they would
# split or break the header.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def has_control_characters(value: str) -> bool:
    """True when a one-line value (a title, a name) holds a line break or another control character."""
    return bool(CONTROL_CHARACTERS.search(value or ""))


def one_line(value: str) -> str:
    """The value on one line: every run of control characters and spaces becomes one space."""
    return re.sub(r"(?:\s|" + CONTROL_CHARACTERS.pattern + r")+", " ", value or "").strip()
