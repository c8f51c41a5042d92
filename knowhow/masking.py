"""Masking a solved consultation's text before it becomes a FAQ: pure functions, no database.

What identifies the matter is replaced by a bracketed placeholder the advisor sees and can edit:
e-mail addresses ［メールアドレス］, phone numbers ［電話番号］, amounts ［金額］,
vendor names ［事業者名］, municipality names ［〇〇市］・［〇〇町］・［〇〇村］ (the kind is kept:
what a city must do often differs from a village, the name is what identifies it), and people's
names ［氏名］ (an honorific after it stays: 「［氏名］さん」). Matching ignores full/half width
(ｶﾌﾞｼｷ = カブシキ, ＡＢＣ = ABC) and letter case;
vendors match with or without 株式会社・(株)・㈱ before or after the name.

Masking runs in that order, so a name inside an address or a vendor's name is masked once, as the
larger thing; names are tried longest first (北葛城郡河合町 before 河合町). Bare short forms of a
municipality (「香芝」) are not masked as such: they collide with family names and place names; a person
named on the thread is masked by name, family or given name alone included.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import cache

from django.utils.translation import gettext_lazy as _


class Masked(Enum):
    # value: (placeholder, label); the order is the order masking runs in.
    EMAIL = ("［メールアドレス］", _("メールアドレス"))
    PHONE = ("［電話番号］", _("電話番号"))
    AMOUNT = ("［金額］", _("金額"))
    VENDOR = ("［事業者名］", _("事業者名"))
    MUNICIPALITY = ("［市町村名］", _("市町村名"))
    PERSON = ("［氏名］", _("氏名"))

    @property
    def placeholder(self) -> str:
        return self.value[0]

    @property
    def label(self):
        return self.value[1]


@dataclass(frozen=True)
class Place:
    """A municipality as masking needs it."""

    name: str
    name_en: str = ""
    district: str = ""

    @property
    def placeholder(self) -> str:
        kind = self.name[-1:]
        return f"［〇〇{kind}］" if kind in {"市", "町", "村"} else Masked.MUNICIPALITY.placeholder


@dataclass
class Result:
    text: str
    counts: Counter = field(default_factory=Counter)


SPACE = r"[\s\u3000]*"
DIGIT = "[0-9０-９]"
DASH = "[-‐‑‒–—―−－ー]"
NUMBER = rf"{DIGIT}(?:{DIGIT}|[,，]{DIGIT}{{3}})*(?:[.．]{DIGIT}+)?"
UNIT = "[兆億万千]"
TAX = r"(?:[（(]?税(?:込み?|抜き?|別)[）)]?)"
AMOUNT = re.compile(
    rf"(?:{TAX}{SPACE})?"
    rf"(?:[¥￥]{SPACE}{NUMBER}(?:{UNIT}+(?:{NUMBER})?)*{UNIT}*円?|{NUMBER}(?:{UNIT}+(?:{NUMBER})?)*{UNIT}*円)"
    rf"(?:{SPACE}{TAX})?"
)
PHONE = re.compile(
    rf"(?<![0-9０-９])"
    rf"(?:(?:\+81|＋８１){DASH}?{DIGIT}{{1,4}}{DASH}{DIGIT}{{1,4}}{DASH}{DIGIT}{{3,4}}"
    rf"|[(（][0０]{DIGIT}{{1,4}}[)）]{SPACE}{DIGIT}{{1,4}}{DASH}{DIGIT}{{3,4}}"
    rf"|[0０]{DIGIT}{{1,4}}{DASH}{DIGIT}{{1,4}}{DASH}{DIGIT}{{3,4}}"
    rf"|[0０]{DIGIT}{{9,10}})"
    rf"(?![0-9０-９])"
)
EMAIL = re.compile(
    r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９._%+\-．＿]+[@＠][A-Za-z0-9Ａ-Ｚａ-ｚ０-９\-－]+(?:[.．][A-Za-z0-9Ａ-Ｚａ-ｚ０-９\-－]+)+"
)
LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社")
LEGAL = rf"(?:{'|'.join(LEGAL_FORMS)}|[(（]{SPACE}[株有同]{SPACE}[)）]|㈱|㈲)"
HONORIFICS = ("さん", "様", "さま", "氏", "殿", "くん", "君", "先生", "課長", "係長", "主任", "主査", "補佐")


@cache
def _width_variants() -> dict[str, tuple[str, ...]]:
    """Each normalised character → the ways it may be typed (full width, half width, half-width kana
    with its voicing mark)."""
    variants: dict[str, set[str]] = {}
    for code in range(0xFF01, 0xFFEF):
        typed = chr(code)
        normal = unicodedata.normalize("NFKC", typed)
        if len(normal) == 1 and normal != typed:
            variants.setdefault(normal, set()).add(typed)
    for code in range(0xFF66, 0xFF9E):
        for mark in "ﾞﾟ":
            normal = unicodedata.normalize("NFKC", chr(code) + mark)
            if len(normal) == 1:
                variants.setdefault(normal, set()).add(chr(code) + mark)
    return {normal: tuple(sorted(typed, key=len, reverse=True)) for normal, typed in variants.items()}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def loose(needle: str) -> str:
    """A regular expression matching `needle` however wide its characters are typed and however it
    is spaced (a space in the needle: any spaces or none; none: no space)."""
    parts = []
    for char in _normal(needle):
        if char == " ":
            parts.append(SPACE)
            continue
        typed = (char, *_width_variants().get(char, ()))
        parts.append(re.escape(char) if len(typed) == 1 else f"(?:{'|'.join(map(re.escape, typed))})")
    return "".join(parts)


def _core(vendor: str) -> str:
    """A vendor's name without its legal form (株式会社, (株), ㈱ …) at either end."""
    name = _normal(vendor)
    legal = re.compile(rf"^{LEGAL}{SPACE}|{SPACE}{LEGAL}$")
    while (stripped := legal.sub("", name).strip()) != name:
        name = stripped
    return name


def _alternation(needles: Iterable[str], render=loose) -> str:
    unique = sorted({n for n in needles if n}, key=lambda n: (-len(n), n))
    return "|".join(render(n) for n in unique)


@dataclass(frozen=True)
class Masker:
    """What to mask, compiled once: `mask(text)` for each text of the matter."""

    places: tuple[Place, ...] = ()
    people: tuple[str, ...] = ()
    vendors: tuple[str, ...] = ()

    def mask(self, text: str) -> Result:
        result = Result(text or "")
        for kind, pattern, placeholder in self._patterns():
            result.text, found = pattern.subn(placeholder, result.text)
            result.counts[kind] += found
        result.counts = +result.counts
        return result

    def _patterns(self):
        yield Masked.EMAIL, EMAIL, Masked.EMAIL.placeholder
        yield Masked.PHONE, PHONE, Masked.PHONE.placeholder
        yield Masked.AMOUNT, AMOUNT, Masked.AMOUNT.placeholder
        vendors = _vendor_pattern(self.vendors)
        if vendors:
            yield Masked.VENDOR, vendors, Masked.VENDOR.placeholder
        places, placeholders = _place_pattern(self.places)
        if places:
            yield Masked.MUNICIPALITY, places, lambda m: placeholders[m.lastgroup]
        people = _people_pattern(self.people)
        if people:
            yield Masked.PERSON, people, Masked.PERSON.placeholder


@cache
def _vendor_pattern(vendors: tuple[str, ...]) -> re.Pattern | None:
    cores = [core for core in map(_core, vendors) if len(core) >= 2]
    if not cores:
        return None
    return re.compile(rf"(?:{LEGAL}{SPACE})?(?:{_alternation(cores)})(?:{SPACE}{LEGAL})?", re.IGNORECASE)


@cache
def _place_pattern(places: tuple[Place, ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    """One named group per municipality (its placeholder keeps the kind), its forms longest first."""

    def forms(place):
        return [place.name, place.name_en, place.district + place.name if place.district else ""]

    # The place with the longest form first, so that no shorter name cuts a longer one.
    by_length = sorted(places, key=lambda p: (-max(len(f) for f in forms(p)), p.name))
    groups, placeholders = [], {}
    for index, place in enumerate(by_length):
        name = f"m{index}"
        groups.append(f"(?P<{name}>{_alternation(forms(place))})")
        placeholders[name] = place.placeholder
    if not groups:
        return None, {}
    return re.compile("|".join(groups), re.IGNORECASE), placeholders


def _name_parts(full_name: str) -> list[str]:
    return [part for part in re.split(r"[\s\u3000]+", _normal(full_name)) if part]


@cache
def _people_pattern(people: tuple[str, ...]) -> re.Pattern | None:
    """Full names with or without a space; a family or given name alone when it has two characters or
    more, a one-character one only before an honorific (「林さん」), so that no common character goes."""
    names = [name for name in people if name and "@" not in name]
    full, alone, short = set(), set(), set()
    for name in names:
        parts = _name_parts(name)
        if len(parts) > 1:
            full.add(" ".join(parts))
        for part in parts:
            (alone if len(part) >= 2 else short).add(part)
    if not (full or alone or short):
        return None
    spaced = lambda name: SPACE.join(loose(part) for part in name.split(" "))  # noqa: E731
    options = []
    if full:
        options.append(_alternation(full, render=spaced))
    if alone:
        options.append(_alternation(alone))
    if short:
        options.append(f"(?:{_alternation(short)})(?=(?:{'|'.join(HONORIFICS)}))")
    return re.compile("|".join(f"(?:{option})" for option in options), re.IGNORECASE)


def counts_for_display(counts: dict) -> list[tuple[str, int]]:
    """(label, number) in masking order, for what was stored as {kind name: number}."""
    return [(kind.label, counts[kind.name]) for kind in Masked if counts.get(kind.name)]
