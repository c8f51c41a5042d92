"""An elasticsearch-dsl Document built on the portal analyzers, end to end on the real node."""

from elasticsearch.dsl import Document, Keyword, Search

from search.analysis import ANALYZERS, japanese_text, to_katakana


class KnowledgeItem(Document):
    title = japanese_text()
    body = japanese_text()
    category = Keyword()


def save_all(es, index_name, items):
    KnowledgeItem.init(index=index_name, using=es)
    for pk, (title, body, category) in enumerate(items, start=1):
        item = KnowledgeItem(meta={"id": pk}, title=title, body=body, category=category)
        item.save(index=index_name, using=es)
    es.indices.refresh(index=index_name)


ITEMS = [
    ("ガバメントクラウド移行の進め方", "標準化対象業務をガバメントクラウドへ移行する手順。", "クラウド化"),
    ("基幹システムの共同利用", "７団体で基幹系システムを共同化し、経費を５６％削減した。", "共同化"),
    ("ＳＬＡの確認項目", "サービスレベル合意で稼働率と障害時の連絡体制を定める。", "SLA"),
    ("ｸﾗｳﾄﾞ事業者との契約", "クラウド化に伴う契約変更の注意点。", "クラウド化"),
]


def test_document_init_creates_the_index_with_the_portal_analyzers(es, index_name):
    KnowledgeItem.init(index=index_name, using=es)

    analysis = es.indices.get_settings(index=index_name)[index_name]["settings"]["index"]["analysis"]
    assert set(ANALYZERS) <= set(analysis["analyzer"])
    mapping = es.indices.get_mapping(index=index_name)[index_name]["mappings"]["properties"]["title"]
    assert mapping["analyzer"] == "ja_index"
    assert mapping["search_analyzer"] == "ja_search"
    assert set(mapping["fields"]) == {"ngram", "reading"}


def test_search_highlights_the_japanese_hit_and_aggregates_categories(es, index_name):
    save_all(es, index_name, ITEMS)

    search = (
        Search(using=es, index=index_name)
        .query("match", body="ガバクラ")
        .highlight("body", pre_tags=["<mark>"], post_tags=["</mark>"])
    )
    search.aggs.bucket("categories", "terms", field="category")
    response = search.execute()

    assert [hit.meta.id for hit in response] == ["1"]
    fragment = response[0].meta.highlight.body[0]
    # The unified highlighter marks the whole phrase the synonym matched, and nothing else.
    assert fragment == "標準化対象業務を<mark>ガバメントクラウド</mark>へ移行する手順。"
    buckets = {b.key: b.doc_count for b in response.aggregations.categories.buckets}
    assert buckets == {"クラウド化": 1}


def test_terms_aggregation_counts_every_category(es, index_name):
    save_all(es, index_name, ITEMS)

    search = Search(using=es, index=index_name).extra(size=0)
    search.aggs.bucket("categories", "terms", field="category")
    buckets = {b.key: b.doc_count for b in search.execute().aggregations.categories.buckets}

    assert buckets == {"クラウド化": 2, "共同化": 1, "SLA": 1}


def test_full_width_query_finds_half_width_title(es, index_name):
    save_all(es, index_name, ITEMS)

    query = {"query": "クラウド事業者", "operator": "and"}
    response = Search(using=es, index=index_name).query("match", title=query).execute()

    assert {hit.meta.id for hit in response} == {"4"}


def test_synonym_finds_the_spelled_out_term(es, index_name):
    save_all(es, index_name, ITEMS)

    response = Search(using=es, index=index_name).query("match", title="SLA").execute()
    assert {hit.meta.id for hit in response} == {"3"}
    response = Search(using=es, index=index_name).query("match", body="SLA").execute()
    assert {hit.meta.id for hit in response} == {"3"}


def test_ngram_subfield_finds_part_of_a_word(es, index_name):
    save_all(es, index_name, ITEMS)

    response = Search(using=es, index=index_name).query("match_phrase", **{"title.ngram": "メント"}).execute()

    assert {hit.meta.id for hit in response} == {"1"}


def test_reading_subfield_completes_a_title_typed_in_hiragana(es, index_name):
    save_all(es, index_name, ITEMS)

    query = to_katakana("きかん")
    response = Search(using=es, index=index_name).query("match", **{"title.reading": query}).execute()

    assert {hit.meta.id for hit in response} == {"2"}
