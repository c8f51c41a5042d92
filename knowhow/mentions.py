"""@mentions in posts, answers and comments: @ (or a full-width ＠, as a Japanese keyboard types it)
followed by a member's e-mail address, the one name every member has that is unique.

Who is then told, when the post is published or the answer or comment is written, is
knowhow.notifications' business: the mention is read here only.
"""

import re

# Not after a letter or a dot, so the middle of an address (x@a@example.jp) mentions nobody.
_MENTION = re.compile(
    r"(?<![A-Za-z0-9._%+\-@＠])[@＠]([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})"
)
# A text that names more people than this is a mailing list, not a conversation.
MAX_MENTIONS = 20


def addresses(text: str) -> list[str]:
    """The addresses mentioned in the text, lower-cased, each once, in order, at most MAX_MENTIONS."""
    found: list[str] = []
    for match in _MENTION.finditer(text or ""):
        address = match.group(1).rstrip(".").lower()
        if address not in found:
            found.append(address)
        if len(found) == MAX_MENTIONS:
            break
    return found
