"""The English catalogue is complete: every message of the project has a translation."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries(po_text: str):
    """(msgid, [msgstr, …], fuzzy) for each entry; a plural entry has one msgstr per form."""
    msgid = None
    msgstrs = []
    fuzzy = False
    mode = None
    for line in [*po_text.splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid, mode = line[6:].strip('"'), "id"
        elif line.startswith("msgid_plural "):
            mode = "plural"
        elif re.match(r"msgstr(\[\d+\])? ", line):
            msgstrs.append(line.split(" ", 1)[1].strip('"'))
            mode = "str"
        elif line.startswith('"') and mode == "id":
            msgid += line.strip('"')
        elif line.startswith('"') and mode == "str":
            msgstrs[-1] += line.strip('"')
        elif not line.strip() and msgid is not None:
            yield msgid, msgstrs, fuzzy
            msgid, msgstrs, mode = None, [], None
            fuzzy = False


def test_english_catalogue_has_a_translation_for_every_message():
    po = PO.read_text(encoding="utf-8")
    missing = [msgid for msgid, msgstrs, fuzzy in entries(po) if msgid and (not all(msgstrs) or fuzzy)]
    assert missing == []


def test_plural_messages_have_both_english_forms():
    po = PO.read_text(encoding="utf-8")
    assert "nplurals=2;" in po
    plurals = {msgid: msgstrs for msgid, msgstrs, _ in entries(po) if len(msgstrs) > 1}
    assert plurals["%(n)s件の事例"] == ["%(n)s case", "%(n)s cases"]
    assert all(len(forms) == 2 for forms in plurals.values())


def test_english_translations_use_english_punctuation():
    po = PO.read_text(encoding="utf-8")
    leaks = [
        (msgid, msgstr)
        for msgid, msgstrs, _ in entries(po)
        if msgid
        for msgstr in msgstrs
        if re.search("[（）、。「」]", msgstr)
    ]
    assert leaks == []
