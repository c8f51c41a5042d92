"""The English catalogue is complete: every message of the project has a translation."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def entries(po_text: str):
    msgid = msgstr = None
    fuzzy = False
    mode = None
    for line in [*po_text.splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, mode = line[6:].strip('"'), "id"
        elif line.startswith("msgstr "):
            msgstr, mode = line[7:].strip('"'), "str"
        elif line.startswith('"') and mode == "id":
            msgid += line.strip('"')
        elif line.startswith('"') and mode == "str":
            msgstr += line.strip('"')
        elif not line.strip() and msgid is not None:
            yield msgid, msgstr, fuzzy
            msgid = msgstr = mode = None
            fuzzy = False


def test_english_catalogue_has_a_translation_for_every_message():
    po = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    missing = [msgid for msgid, msgstr, fuzzy in entries(po) if msgid and (not msgstr or fuzzy)]
    assert missing == []
