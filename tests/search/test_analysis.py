"""The portal's Japanese analysis on the real node: tokens, width, synonyms, partial and kana matches."""

import pytest

from search.analysis import load_synonyms, to_katakana


def tokens(es, index, analyzer, text):
    return [t["token"] for t in es.indices.analyze(index=index, analyzer=analyzer, text=text)["tokens"]]


def test_index_analyzer_keeps_base_forms_of_content_words_and_drops_particles(es, analysis_index):
    result = tokens(es, analysis_index, "ja_index", "自治体クラウドの共同化を推進する")

    assert {"自治体", "クラウド", "共同", "推進"} <= set(result)
    assert not {"の", "を", "する", "自治体クラウド"} & set(result)


def test_conjugated_verbs_are_indexed_in_their_dictionary_form(es, analysis_index):
    assert "推進" in tokens(es, analysis_index, "ja_index", "推進しました")
    assert "導入" in tokens(es, analysis_index, "ja_index", "導入された")


@pytest.mark.parametrize("variant", ["ｸﾗｳﾄﾞ", "クラウド", "ｸﾗｳﾄﾞ", "クラウド"])
def test_half_and_full_width_katakana_analyse_alike(es, analysis_index, variant):
    assert tokens(es, analysis_index, "ja_index", variant) == ["クラウド"]


@pytest.mark.parametrize("variant", ["ｸﾗｳﾄﾞＡＢＣ", "クラウドABC", "ｸﾗｳﾄﾞabc", "クラウドＡｂｃ"])
def test_mixed_width_katakana_and_latin_letters_analyse_alike(es, analysis_index, variant):
    assert tokens(es, analysis_index, "ja_index", variant) == ["クラウド", "abc"]


def test_full_width_letters_become_lowercase_ascii(es, analysis_index):
    assert tokens(es, analysis_index, "ja_index", "ＡＢＣ") == ["abc"]
    assert tokens(es, analysis_index, "ja_index", "ＬＧＷＡＮ") == ["lgwan"]


def test_katakana_long_vowel_mark_is_folded(es, analysis_index):
    assert tokens(es, analysis_index, "ja_index", "サーバー") == ["サーバ"]


def test_search_analyzer_expands_synonyms_both_ways(es, analysis_index):
    assert {"ガバクラ", "ガバメント", "クラウド"} <= set(tokens(es, analysis_index, "ja_search", "ガバクラ"))
    assert "ガバクラ" in tokens(es, analysis_index, "ja_search", "ガバメントクラウド")
    assert "ガバクラ" not in tokens(es, analysis_index, "ja_index", "ガバメントクラウド")


def test_every_synonym_rule_survives_the_analysis_chain(es, analysis_index):
    # The index was created with all rules, so each parsed; now check none was reduced to a lone term.
    for rule in load_synonyms():
        terms = [term.strip() for term in rule.split(",")]
        expanded = set(tokens(es, analysis_index, "ja_search", terms[0]))
        for other in terms[1:]:
            assert set(tokens(es, analysis_index, "ja_index", other)) <= expanded, rule


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ガバメントクラウド", ["ガバメント", "クラウド"]),
        ("クラウド化", ["クラウド", "化"]),
        ("出前相談", ["出前", "相談"]),
        ("ベンダーロックイン", ["ベンダ", "ロックイン"]),
    ],
)
def test_user_dictionary_segments_domain_words(es, analysis_index, text, expected):
    # IPADIC alone would cut クラウド into クラ + ウド.
    assert tokens(es, analysis_index, "ja_index", text) == expected


def test_ngram_analyzer_cuts_two_and_three_character_grams(es, analysis_index):
    grams = tokens(es, analysis_index, "ja_ngram", "ｸﾗｳﾄﾞ")
    assert grams == ["クラ", "クラウ", "ラウ", "ラウド", "ウド"]


def test_reading_analyzer_indexes_kana_prefixes(es, analysis_index):
    prefixes = tokens(es, analysis_index, "ja_reading", "自治体")
    assert prefixes == ["ジ", "ジチ", "ジチタ", "ジチタイ"]
    assert tokens(es, analysis_index, "ja_reading_search", to_katakana("じちた")) == ["ジチタ"]


def search_ids(es, index, query):
    es.indices.refresh(index=index)
    response = es.search(index=index, query=query)
    return {hit["_id"] for hit in response["hits"]["hits"]}


@pytest.fixture
def cloud_docs(es, analysis_index):
    es.indices.put_mapping(
        index=analysis_index,
        properties={"body": {"type": "text", "analyzer": "ja_index", "search_analyzer": "ja_search"}},
    )
    es.index(index=analysis_index, id="long", document={"body": "ガバメントクラウドへの移行計画"})
    es.index(index=analysis_index, id="short", document={"body": "ガバクラ移行の相談"})
    es.index(index=analysis_index, id="other", document={"body": "自治体クラウドの共同化"})
    return analysis_index


def test_search_for_gabakura_finds_a_document_that_only_says_government_cloud(es, cloud_docs):
    assert "long" in search_ids(es, cloud_docs, {"match": {"body": "ガバクラ"}})


def test_search_for_government_cloud_finds_a_document_that_only_says_gabakura(es, cloud_docs):
    assert "short" in search_ids(es, cloud_docs, {"match": {"body": "ガバメントクラウド"}})


def test_synonyms_do_not_pull_in_unrelated_cloud_documents(es, cloud_docs):
    # ガバメントクラウド is matched as a phrase, so a document that only says クラウド is not a hit.
    assert search_ids(es, cloud_docs, {"match": {"body": "ガバクラ"}}) == {"long", "short"}


def test_half_width_query_finds_full_width_text(es, cloud_docs):
    assert "long" in search_ids(es, cloud_docs, {"match": {"body": "ｶﾞﾊﾞﾒﾝﾄｸﾗｳﾄﾞ"}})
