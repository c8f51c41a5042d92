"""nDCG@10 and MRR as search/relevance.py computes them, against values worked out by hand."""

import math

import pytest

from search.relevance import (
    LabelledQuery,
    best_rank,
    dcg,
    evaluate,
    load_queries,
    ndcg_at_k,
    reciprocal_rank,
)

LABELS = {"a": 3, "b": 2, "c": 1}


def test_dcg_uses_exponential_gain_and_a_log2_discount():
    # (2^3-1)/log2(2) + (2^0-1)/log2(3) + (2^2-1)/log2(4) = 7 + 0 + 3/2
    assert dcg([3, 0, 2]) == pytest.approx(8.5)


def test_the_ideal_order_scores_one():
    assert ndcg_at_k(["a", "b", "c", "x"], LABELS) == pytest.approx(1.0)


def test_a_swapped_order_scores_its_hand_computed_value():
    # ranked b, a, c: 3/1 + 7/log2(3) + 1/2 = 7.9165; ideal a, b, c: 7/1 + 3/log2(3) + 1/2 = 9.3928
    expected = (3 + 7 / math.log2(3) + 0.5) / (7 + 3 / math.log2(3) + 0.5)
    assert ndcg_at_k(["b", "a", "c"], LABELS) == pytest.approx(expected)
    assert expected == pytest.approx(0.8428, abs=1e-4)


def test_only_the_first_k_results_count_and_missing_labels_still_weigh_in_the_ideal():
    # The only relevant document at rank 3 of k=2 counts for nothing.
    assert ndcg_at_k(["x", "y", "a"], LABELS, k=2) == 0.0
    # "a" alone at rank 1: 7 / (7 + 3/log2(3) + 1/2)
    assert ndcg_at_k(["a"], LABELS) == pytest.approx(7 / (7 + 3 / math.log2(3) + 0.5))


def test_a_repeated_title_gains_only_once():
    assert ndcg_at_k(["b", "b"], {"b": 2}) == pytest.approx(1.0)


def test_no_labels_scores_zero():
    assert ndcg_at_k(["a"], {}) == 0.0


def test_reciprocal_rank_is_one_over_the_rank_of_the_first_relevant_result():
    assert reciprocal_rank(["x", "y", "c", "a"], LABELS) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "y", "c"], LABELS, k=2) == 0.0
    assert reciprocal_rank(["x"], LABELS) == 0.0


def test_best_rank_finds_the_first_result_with_the_highest_grade():
    assert best_rank(["c", "b", "a"], LABELS) == 3
    assert best_rank(["c", "b"], LABELS) is None


def test_evaluate_averages_over_queries_and_skips_those_whose_documents_do_not_exist():
    rankings = {"q1": ["a", "b", "c"], "q2": ["x", "b"], "q3": ["a"]}
    queries = [
        LabelledQuery("q1", "g", "", LABELS),
        LabelledQuery("q2", "g", "", {"b": 3}),
        LabelledQuery("q3", "g", "", {"gone": 3}),
    ]
    result = evaluate(rankings.__getitem__, queries, existing_titles={"a", "b", "c", "x"})
    assert [s.query.query for s in result.scores] == ["q1", "q2"]
    assert [q.query for q in result.skipped] == ["q3"]
    # q1: nDCG 1, RR 1; q2: b (grade 3) at rank 2 → nDCG 7/log2(3) / 7, RR 1/2
    assert result.mean_ndcg == pytest.approx((1 + 1 / math.log2(3)) / 2)
    assert result.mrr == pytest.approx(0.75)


def test_the_labelled_queries_cover_every_kind_of_query_the_issue_names():
    queries = load_queries()
    assert 25 <= len(queries) <= 40
    assert len({q.query for q in queries}) == len(queries)
    assert {"width", "hiragana", "synonym", "phrase", "partial", "english", "katakana"} <= {
        q.group for q in queries
    }
    assert {"ｸﾗｳﾄﾞ", "ガバクラ", "ＢＰＲ"} <= {q.query for q in queries}
    assert all(q.labels and set(q.labels.values()) <= {1, 2, 3} for q in queries)
