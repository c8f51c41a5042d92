"""The portal's Japanese text analysis, as elasticsearch-dsl objects.

Every component is referenced by the name that Elastic's analysis-icu / analysis-kuromoji plugins and the
analysis-common module register, so the same index settings run on the local node (which registers
look-alikes of its own, see search/engine/) and on a production cluster with the official plugins.

- ``ja_index``: full-text fields at index time. NFKC + case folding, kuromoji in search mode, base forms,
  no particles or auxiliary verbs, width folding, Japanese stop words, katakana long-vowel stemming.
- ``ja_search``: the same chain plus the synonyms of ``search/synonyms.txt``; for queries only, because
  ``synonym_graph`` produces a token graph that the query parser understands and an index does not.
- ``ja_ngram``: 2–3 character grams for a sub-field that finds partial words (「クラウ」 → クラウド).
- ``ja_reading`` / ``ja_reading_search``: katakana readings cut into prefixes, for kana autocomplete
  (「じちた」 → 自治体); queries go through :func:`to_katakana` first.

Use :func:`japanese_text` to declare a field with all of them.
"""

from pathlib import Path

from elasticsearch.dsl import Text, analyzer, token_filter, tokenizer

SYNONYMS_FILE = Path(__file__).with_name("synonyms.txt")

# IPADIC (2007) does not know these domain words and splits them wrongly (クラウド → クラ + ウド);
# each rule gives the segmentation and the readings the reading-form analyzer uses.
USER_DICTIONARY_RULES = (
    "クラウド,クラウド,クラウド,カスタム名詞",
    "クラウド化,クラウド 化,クラウド カ,カスタム名詞",
    "ガバメントクラウド,ガバメント クラウド,ガバメント クラウド,カスタム名詞",
    "ガバクラ,ガバクラ,ガバクラ,カスタム名詞",
    "自治体クラウド,自治体 クラウド,ジチタイ クラウド,カスタム名詞",
    "ベンダーロックイン,ベンダー ロックイン,ベンダー ロックイン,カスタム名詞",
    "ベンダーロック,ベンダー ロック,ベンダー ロック,カスタム名詞",
    "ノーカスタマイズ,ノー カスタマイズ,ノー カスタマイズ,カスタム名詞",
    "マイナンバー,マイナンバー,マイナンバー,カスタム名詞",
    "エルタックス,エルタックス,エルタックス,カスタム名詞",
    "出前相談,出前 相談,デマエ ソウダン,カスタム名詞",
)

# Nouns, verbs and adjectives survive; particles, auxiliaries and symbols go (Lucene's default stop tags).
_CONTENT_FILTERS = (
    "kuromoji_baseform",
    "kuromoji_part_of_speech",
    "cjk_width",
    "ja_stop",
    "kuromoji_stemmer",
    "lowercase",
)

_NORMALIZE = ("icu_normalizer",)  # nfkc_cf by default: ｸﾗｳﾄﾞ → クラウド, ＡＢＣ → abc before tokenising


def load_synonyms(path: Path = SYNONYMS_FILE) -> list[str]:
    """The Solr-format rules of ``path`` without comments and blank lines.

    They are sent inline because a production cluster has no copy of our file in its config directory.
    """
    rules = []
    for line in path.read_text(encoding="utf-8").splitlines():
        rule = line.strip()
        if rule and not rule.startswith("#"):
            rules.append(rule)
    return rules


def to_katakana(text: str) -> str:
    """Hiragana → katakana, so a query typed in hiragana meets the katakana readings of ``ja_reading``."""
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in text)


# discard_compound_token: search mode would also emit the undivided compound at the same position, which
# synonym_graph cannot parse (Elasticsearch's documentation recommends this setting for synonyms).
ja_tokenizer = tokenizer(
    "ja_kuromoji",
    "kuromoji_tokenizer",
    mode="search",
    discard_compound_token=True,
    user_dictionary_rules=list(USER_DICTIONARY_RULES),
)

ja_synonyms = token_filter("ja_synonyms", "synonym_graph", synonyms=load_synonyms())

ja_index = analyzer(
    "ja_index", char_filter=list(_NORMALIZE), tokenizer=ja_tokenizer, filter=list(_CONTENT_FILTERS)
)

ja_search = analyzer(
    "ja_search",
    char_filter=list(_NORMALIZE),
    tokenizer=ja_tokenizer,
    filter=[*_CONTENT_FILTERS, ja_synonyms],
)

# 2–3 grams keep the index small (index.max_ngram_diff defaults to 1) and still match any fragment of two
# or more characters; single characters would match almost every document.
ja_ngram = analyzer(
    "ja_ngram",
    char_filter=list(_NORMALIZE),
    tokenizer=tokenizer(
        "ja_ngram_tokenizer", "ngram", min_gram=2, max_gram=3, token_chars=["letter", "digit"]
    ),
    filter=["cjk_width", "lowercase"],
)

ja_reading = analyzer(
    "ja_reading",
    char_filter=list(_NORMALIZE),
    tokenizer=ja_tokenizer,
    filter=[
        "kuromoji_part_of_speech",
        "kuromoji_readingform",
        "cjk_width",
        "lowercase",
        token_filter("ja_reading_prefixes", "edge_ngram", min_gram=1, max_gram=15),
    ],
)

# Queries are already readings (after to_katakana): the standard tokenizer keeps a run of katakana
# together, where kuromoji would try to split it into dictionary words.
ja_reading_search = analyzer(
    "ja_reading_search", char_filter=list(_NORMALIZE), tokenizer="standard", filter=["lowercase"]
)

ANALYZERS = {a._name: a for a in (ja_index, ja_search, ja_ngram, ja_reading, ja_reading_search)}


def japanese_text(**kwargs) -> Text:
    """A Japanese text field with ``.ngram`` (partial words) and ``.reading`` (kana prefixes) sub-fields."""
    return Text(
        analyzer=ja_index,
        search_analyzer=ja_search,
        fields={
            "ngram": Text(analyzer=ja_ngram),
            "reading": Text(analyzer=ja_reading, search_analyzer=ja_reading_search),
        },
        **kwargs,
    )
