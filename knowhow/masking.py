"""Masking a solved consultation's text before it becomes a FAQ: pure functions, no database.

What identifies the matter is replaced by a bracketed placeholder the advisor sees and can edit:
e-mail addresses ［メールアドレス］, URLs and bare .jp hosts ［URL］ (a national ministry's .go.jp page
stays: it names no municipality), phone numbers ［電話番号］ (dashes, spaces, 0742(22)1101, +81),
postal codes ［郵便番号］, amounts ［金額］ (円 or ¥; or 万・億・兆 without 円 unless a counter follows:
3万件 stays; digits in either width or kanji numerals), vendor names ［事業者名］, municipality names
［〇〇市］・［〇〇町］・［〇〇村］ (the kind is kept: what a city must do often differs from a village, the
name is what identifies it), and people's names ［氏名］ (an honorific or title after it stays:
「［氏名］さん」「［氏名］課長」). Matching ignores full/half width (ｶﾌﾞｼｷ = カブシキ, ＡＢＣ = ABC) and
letter case; vendors match with or without 株式会社・(株)・㈱ before or after the name; a Latin name
matches only as a whole word.

Masking runs in that order, so what is inside an address, a URL or a vendor's name is masked once, as
the larger thing; names are tried longest first (北葛城郡河合町 before 河合町). A street address after a
municipality stays (「［〇〇市］本町1397番地」): without the municipality it says little, and the
advisor reads the draft before it goes anywhere.

People on the thread: the full name anywhere, a family or given name alone only before an honorific or
title (大地 of 山田 大地 stays in 大地震). Anyone else is found by a surname of kanji before an honorific
or title (前任の佐藤課長), leaving out sections and roles there (総務課長, 担当者様).

Municipalities: also by the name without 市・町・村 (香芝, 河合) when it stands as a word, before a
particle (の, で, から, さん …); not the prefecture's own 奈良 nor the everyday words 安堵 and 川上. A
name that continues into another word stays (奈良市場 is a market).
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import cache, cached_property, lru_cache, partial

from django.utils.translation import gettext_lazy as _


class Masked(Enum):
    # value: (placeholder, label); the draft page lists the counts in this order.
    EMAIL = ("［メールアドレス］", _("メールアドレス"))
    URL = ("［URL］", _("URL"))
    PHONE = ("［電話番号］", _("電話番号"))
    POSTAL = ("［郵便番号］", _("郵便番号"))
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
# A space inside one line: a phone number or an amount does not run on over a line break.
GAP = "[ \u3000]"
DIGIT = "[0-9０-９]"
DASH = "[-‐‑‒–—―−－ー]"
KANJI = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]"
NUMBER = rf"{DIGIT}(?:{DIGIT}|[,，]{DIGIT}{{3}})*(?:[.．]{DIGIT}+)?"
UNIT = "[兆億万千百]"
KANJI_DIGIT = "[〇一二三四五六七八九十百千]"
TAX = r"(?:[（(]?税(?:込み?|抜き?|別)[）)]?)"
# Every run of figures and units is a candidate; _amount decides (円 or ¥, or 万・億・兆 and no counter).
AMOUNT = re.compile(
    rf"(?:{TAX}{SPACE})?"
    rf"(?:[¥￥]{SPACE}{NUMBER}(?:{UNIT}+(?:{NUMBER})?)*円?"
    rf"|(?<![0-9０-９.,，．]){NUMBER}(?:{UNIT}+(?:{NUMBER})?)*円?"
    rf"|(?<!{KANJI_DIGIT})(?:数|{KANJI_DIGIT})(?:{KANJI_DIGIT}|[兆億万])*円?)"
    rf"(?:{SPACE}{TAX})?"
)
# What a number of 万・億・兆 counts when it is not money (3万件, 10万人, 2万台 …).
COUNTER = re.compile(
    rf"{GAP}*(?:件|人|名|台|回|世帯|戸|部|枚|時間|分|秒|日|週|年|か月|ヶ月|ヵ月|カ月|個|本|通|社|団体|校|頁|ページ"
    r"|行|文字|字|歩|点|票|株|口|箇所|か所|カ所|ヶ所|基|棟|冊|種|項目|業務|倍|%|％|km|ｋｍ|ha|ヘクタール|トン|キロ"
    r"|ライセンス|アカウント|ユーザ|アクセス|PV)"
)
SEPARATOR = rf"(?:{GAP}*{DASH}{GAP}*|{GAP}+)"
COUNTRY = "(?:[+＋](?:81|８１))"
# Candidates by shape; _phone keeps those with the 10 or 11 digits of a Japanese number.
PHONE = re.compile(
    rf"(?<![0-9０-９])(?<!{DASH})"
    rf"(?:{COUNTRY}{SEPARATOR}?(?:[(（][0０][)）]{GAP}*)?{DIGIT}{{1,4}}{SEPARATOR}{DIGIT}{{1,4}}{SEPARATOR}{DIGIT}{{3,4}}"
    rf"|{COUNTRY}{SEPARATOR}?{DIGIT}{{9,10}}"
    rf"|[(（][0０]{DIGIT}{{1,4}}[)）]{GAP}*{DIGIT}{{1,4}}{SEPARATOR}{DIGIT}{{3,4}}"
    rf"|[0０]{DIGIT}{{1,4}}{GAP}*[(（]{DIGIT}{{1,4}}[)）]{GAP}*{DIGIT}{{3,4}}"
    rf"|[0０]{DIGIT}{{1,4}}{SEPARATOR}{DIGIT}{{1,4}}{SEPARATOR}{DIGIT}{{3,4}}"
    rf"|[0０]{DIGIT}{{9,10}})"
    rf"(?![0-9０-９])"
)
POSTAL = re.compile(
    rf"〒{GAP}*{DIGIT}{{3}}{DASH}?{DIGIT}{{4}}(?!{DASH}?{DIGIT})"
    rf"|(?<![0-9０-９])(?<!{DASH}){DIGIT}{{3}}{DASH}{DIGIT}{{4}}(?!{DASH}?{DIGIT})"
)
EMAIL = re.compile(
    r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９._%+\-．＿]+[@＠][A-Za-z0-9Ａ-Ｚａ-ｚ０-９\-－]+(?:[.．][A-Za-z0-9Ａ-Ｚａ-ｚ０-９\-－]+)+"
)
# A URL ends at its last character that cannot be the punctuation after it (「…/a.html。」「(…/)」).
URL_TAIL = r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*[A-Za-z0-9\-_~/#=&%+])?"
URL = re.compile(
    rf"https?://[A-Za-z0-9\-.]+{URL_TAIL}"
    rf"|(?<![A-Za-z0-9\-./@])(?:www\.(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{{2,}}|(?:[A-Za-z0-9\-]+\.)+jp)"
    rf"(?![A-Za-z0-9\-])(?:/{URL_TAIL})?",
    re.IGNORECASE,
)
LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "合資会社", "合名会社")
LEGAL = rf"(?:{'|'.join(LEGAL_FORMS)}|[(（]{SPACE}[株有同]{SPACE}[)）]|㈱|㈲)"
HONORIFICS = (
    "さん", "様", "さま", "氏", "殿", "くん", "君", "先生",
    "課長", "係長", "主任", "主査", "補佐", "部長", "室長", "次長", "所長", "局長", "参事", "主幹",
)  # fmt: skip
LATIN = "[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]"

# Short forms (香芝 for 香芝市) count only as a word: after a non-kanji (or 県・郡) and before one of these.
SHORT_FORM_FOLLOWERS = tuple("さん から まで より の 側 で へ に は が も と や を 、 ・ 。".split())
# Short forms that are also the prefecture or an everyday word: 奈良(県), 安堵 (relief), 川上 (upstream).
SHORT_FORMS_KEPT = frozenset({"奈良", "安堵", "川上"})
# A municipality name followed by one of these is another word: 奈良市場 is a market, not 奈良市.
CONTINUATIONS = {"市": "場"}

# A surname nobody on the thread has is found by its honorific or title (佐藤課長, 鈴木さん): two or three
# kanji after a non-kanji, or four before an honorific (山田太郎さん; four before a title are a section:
# 情報政策課長). What stands there as often is a section or a role (総務課長, 担当者様) or a word (同様,
# 仕様, 氏名): those are kept, by the whole word or by its last character.
NOT_SURNAMES = frozenset(
    (
        "総務 企画 財政 情報 政策 税務 福祉 教育 管理 事務 技術 営業 広報 "
        "人事 会計 監査 防災 建設 環境 保健 戸籍 保険 年金 介護 議会 選挙 "
        "出納 契約 観光 商工 水道 下水道 上水道 庶務 経理 総括 統括 専門 "
        "推進 調整 戦略 改革 行政 地域 連携 振興 計画 統計 文書 法務 調達 "
        "財務 資産 整備 開発 運用 保守 基盤 窓口 電算 現場 作業 出張 保育 "
        "研究 消防 健康 生活 経済 産業 未来 収納 建築 土木 秘書 衛生 高齢 "
        "障害 支援 農林 交通 都市 住宅 医療 国保 指導 学務 学習 生涯 検査 "
        "関係機関 担当 前任 後任 新任 歴代 初代 先方 当方 貴方 双方 相手 "
        "相手方 上司 部下 同僚 代表 市町村 開発元 委託元 発注元 販売元 提供元 "
        "製造元 "
    ).split()
)
NOT_SURNAME_ENDINGS = "者員民客課室係局庁省県市区郡社会体署院校長任査先家人側同仕多模態有異財税権"
COURTESY = ("さん", "様", "さま", "氏", "殿", "くん", "君")
TITLE_AFTER = "|".join(h for h in HONORIFICS if h not in ("様", "氏"))
COURTESY_AFTER = "|".join(h for h in COURTESY if h not in ("様", "氏"))
# 様 and 氏 also begin words: 様式, 様子, 氏名.
WORD_AFTER = "様(?![式書相子態々])|氏(?!名)"
TITLED = re.compile(
    rf"(?<!{KANJI})(?:{KANJI}{{2,4}}(?=(?:{COURTESY_AFTER}|{WORD_AFTER}))"
    rf"|{KANJI}{{2,3}}(?=(?:{TITLE_AFTER}|{WORD_AFTER})))"
)


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
    is spaced (a space in the needle: any spaces or none; none: no space). A needle that begins or
    ends with a Latin letter or digit matches only as a whole word there (NEC, not Con-nec-tion)."""
    normal = _normal(needle)
    parts = []
    for char in normal:
        if char == " ":
            parts.append(SPACE)
            continue
        typed = (char, *_width_variants().get(char, ()))
        parts.append(re.escape(char) if len(typed) == 1 else f"(?:{'|'.join(map(re.escape, typed))})")
    if _is_latin(normal[:1]):
        parts.insert(0, f"(?<!{LATIN})")
    if _is_latin(normal[-1:]):
        parts.append(f"(?!{LATIN})")
    return "".join(parts)


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


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


# A rule: what it masks, the candidates, and what a candidate becomes (None: it stays as typed).
Rule = tuple[Masked, re.Pattern, Callable[[re.Match], str | None]]


def _always(kind: Masked) -> Callable[[re.Match], str]:
    return lambda match: kind.placeholder


@dataclass(frozen=True)
class Masker:
    """What to mask, compiled once per masker (a draft's matter): `mask(text)` for each of its texts."""

    places: tuple[Place, ...] = ()
    people: tuple[str, ...] = ()
    vendors: tuple[str, ...] = ()

    def mask(self, text: str) -> Result:
        result = Result(text or "")
        for kind, pattern, replace in self._rules:
            result.text = pattern.sub(partial(_substitute, kind, replace, result.counts), result.text)
        return result

    @cached_property
    def _rules(self) -> tuple[Rule, ...]:
        # Built per masker, not cached by the people it names: a web process makes drafts of ever new
        # matters, and a cache keyed by their people would only grow.
        rules: list[Rule] = [
            (Masked.EMAIL, EMAIL, _always(Masked.EMAIL)),
            (Masked.URL, URL, _url),
            (Masked.PHONE, PHONE, _phone),
            (Masked.POSTAL, POSTAL, _always(Masked.POSTAL)),
            (Masked.AMOUNT, AMOUNT, _amount),
        ]
        if vendors := _vendor_pattern(self.vendors):
            rules.append((Masked.VENDOR, vendors, _always(Masked.VENDOR)))
        # People on the thread before places: a name with its honorific (「香芝さん」 for 香芝 花子) is
        # the person, not the city.
        if people := _people_pattern(self.people):
            rules.append((Masked.PERSON, people, _always(Masked.PERSON)))
        places, placeholders = _place_pattern(self.places)
        if places:
            rules.append((Masked.MUNICIPALITY, places, lambda match: placeholders[match.lastgroup]))
        rules.append((Masked.PERSON, TITLED, _titled))
        return tuple(rules)


def _substitute(kind: Masked, replace, counts: Counter, match: re.Match) -> str:
    replacement = replace(match)
    if replacement is None:
        return match.group(0)
    counts[kind] += 1
    return replacement


def _url(match: re.Match) -> str | None:
    host = re.sub(r"^https?://", "", match.group(0), flags=re.IGNORECASE).split("/")[0].lower()
    # A national ministry's page (digital.go.jp …) names no municipality and is what a FAQ cites.
    return None if host.endswith(".go.jp") else Masked.URL.placeholder


def _phone(match: re.Match) -> str | None:
    typed = unicodedata.normalize("NFKC", match.group(0))
    digits = re.sub(r"\D", "", typed)
    if typed.startswith("+"):
        digits = digits[2:] if digits[2:].startswith("0") else "0" + digits[2:]
    return Masked.PHONE.placeholder if len(digits) in (10, 11) else None


def _amount(match: re.Match) -> str | None:
    """円 or ¥ make an amount (a kanji one needs 十 or more: 県内一円 is 'all over'); without them
    a number of 万・億・兆 is one unless a counter follows (3万件) or, in kanji, the word goes on
    (一億総活躍)."""
    typed = unicodedata.normalize("NFKC", match.group(0))
    in_kanji = not re.search("[0-9]", typed)
    if in_kanji and not re.search("[十百千万億兆]", typed):
        return None
    if "¥" in typed or "円" in typed:
        return Masked.AMOUNT.placeholder
    if not re.search("[兆億万]", typed) or COUNTER.match(match.string, match.end()):
        return None
    if in_kanji and re.match(KANJI, match.string[match.end() : match.end() + 1]):
        return None
    return Masked.AMOUNT.placeholder


def _titled(match: re.Match) -> str | None:
    word = match.group(0)
    if word in NOT_SURNAMES or word[-1] in NOT_SURNAME_ENDINGS:
        return None
    return Masked.PERSON.placeholder


@lru_cache(maxsize=8)
def _vendor_pattern(vendors: tuple[str, ...]) -> re.Pattern | None:
    # The list is the same for every draft until an advisor edits it: a few entries are enough.
    cores = [core for core in map(_core, vendors) if len(core) >= 2]
    if not cores:
        return None
    return re.compile(rf"(?:{LEGAL}{SPACE})?(?:{_alternation(cores)})(?:{SPACE}{LEGAL})?", re.IGNORECASE)


@lru_cache(maxsize=8)
def _place_pattern(places: tuple[Place, ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    """One named group per municipality (its placeholder keeps the kind), its forms longest first;
    the short form (香芝) last, only as a word of its own."""

    def forms(place):
        return [place.name, place.name_en, place.district + place.name if place.district else ""]

    def full(form, place):
        ends = CONTINUATIONS.get(place.name[-1:], "")
        kept = f"(?![{ends}])" if ends and form.endswith(place.name) else ""
        return loose(form) + kept

    # The place with the longest form first, so that no shorter name cuts a longer one.
    by_length = sorted(places, key=lambda p: (-max(len(f) for f in forms(p)), p.name))
    followers = "|".join(map(re.escape, SHORT_FORM_FOLLOWERS))
    groups, placeholders = [], {}
    for index, place in enumerate(by_length):
        name = f"m{index}"
        options = [_alternation(forms(place), render=lambda form, place=place: full(form, place))]
        short = place.name[:-1]
        if place.name[-1:] in {"市", "町", "村"} and len(short) >= 2 and short not in SHORT_FORMS_KEPT:
            options.append(rf"(?:(?<!{KANJI})|(?<=[県郡])){loose(short)}(?=(?:{followers})|\s|$)")
        groups.append(f"(?P<{name}>{'|'.join(options)})")
        placeholders[name] = place.placeholder
    if not groups:
        return None, {}
    return re.compile("|".join(groups), re.IGNORECASE), placeholders


def _name_parts(full_name: str) -> list[str]:
    return [part for part in re.split(r"[\s\u3000]+", _normal(full_name)) if part]


def _people_pattern(people: tuple[str, ...]) -> re.Pattern | None:
    """Full names with or without a space anywhere; a family or given name alone only before an
    honorific or title (「香芝さん」「大地課長」), so that 大地震 and 未来の姿 stay."""
    full, halves = set(), set()
    for name in people:
        parts = _name_parts(name)
        if len(parts) > 1:
            full.add(" ".join(parts))
        halves.update(parts)
    if not (full or halves):
        return None
    spaced = lambda name: SPACE.join(loose(part) for part in name.split(" "))  # noqa: E731
    options = []
    if full:
        options.append(_alternation(full, render=spaced))
    options.append(f"(?:{_alternation(halves)})(?=(?:{'|'.join(HONORIFICS)}))")
    return re.compile("|".join(f"(?:{option})" for option in options), re.IGNORECASE)


def counts_for_display(counts: dict) -> list[tuple[str, int]]:
    """(label, number) in masking order, for what was stored as {kind name: number}."""
    return [(kind.label, counts[kind.name]) for kind in Masked if counts.get(kind.name)]
