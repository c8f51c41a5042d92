"""Figures for the local Elasticsearch node: start time, indexing and search throughput.

Starts its own node with search/engine/run on a free loopback port and a throw-away state directory,
indexes generated Japanese documents through the portal analyzers, runs match queries one at a time,
prints the figures (or JSON with --json) and stops the node.

    .venv/bin/python bench/engine.py [--docs 10000] [--queries 500] [--heap 512m] [--json]
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from elasticsearch import Elasticsearch, helpers
from elasticsearch.dsl import Document, Keyword

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.analysis import japanese_text  # noqa: E402 — the repository root is only on the path now

RUN = ROOT / "search" / "engine" / "run"

MUNICIPALITIES = [
    "香芝市",
    "葛城市",
    "川西町",
    "田原本町",
    "上牧町",
    "広陵町",
    "河合町",
    "天理市",
    "宇陀市",
    "平群町",
]
SUBJECTS = [
    "基幹システム",
    "ガバメントクラウド",
    "自治体クラウド",
    "戸籍システム",
    "財務会計システム",
    "人事給与システム",
    "住民基本台帳",
    "LGWAN機器",
    "ｸﾗｳﾄﾞサービス",
    "ＳＬＡ",
]
ACTIONS = [
    "共同化",
    "共同利用",
    "標準化",
    "移行",
    "調達",
    "契約変更",
    "データ移行",
    "BPR",
    "BCP策定",
    "運用保守",
]
DETAILS = [
    "経費削減を達成した",
    "ベンダーロックインを回避した",
    "カスタマイズなしで業務を見直した",
    "首長のトップダウンで推進した",
    "原課職員によるデモ評価を実施した",
    "総合評価型プロポーザル方式で選定した",
    "規定帳票の共通化を進めた",
    "庁内にバックアップサーバーを設置した",
]
CATEGORIES = [
    "調達",
    "契約",
    "最適化",
    "オープン化",
    "クラウド化",
    "共同化",
    "セキュリティ",
    "BCP",
    "データ移行",
    "SLA",
]
QUERIES = [
    "ガバクラ",
    "共同利用",
    "ｸﾗｳﾄﾞ",
    "業務改革",
    "サービスレベル合意",
    "ベンダーロック",
    "データ移行",
    "推進する",
]


class BenchItem(Document):
    title = japanese_text()
    body = japanese_text()
    category = Keyword()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def generate(count: int, seed: int = 7):
    rng = random.Random(seed)
    for pk in range(1, count + 1):
        subject, action = rng.choice(SUBJECTS), rng.choice(ACTIONS)
        sentences = [
            f"{rng.choice(MUNICIPALITIES)}は{subject}の{action}について{rng.choice(DETAILS)}。"
            for _ in range(6)
        ]
        yield {
            "_id": pk,
            "_source": {
                "title": f"{subject}の{action}",
                "body": "".join(sentences),
                "category": rng.choice(CATEGORIES),
            },
        }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_engine(command: str, env: dict) -> None:
    subprocess.run([str(RUN), command], env=env, check=True, capture_output=True, text=True)  # noqa: S603


def bench(docs: int, queries: int, heap: str) -> dict:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="madoguchi-bench-") as home:
        env = {**os.environ, "ES_PORT": str(port), "ES_HOME_DIR": home, "ES_HEAP": heap}
        # Build first so that the start time below is the node's alone.
        run_engine("build", env)
        started = time.perf_counter()
        try:
            run_engine("start", env)
            start_seconds = time.perf_counter() - started
            es = Elasticsearch(f"http://127.0.0.1:{port}", request_timeout=120)
            index = "bench-engine"
            BenchItem.init(index=index, using=es)

            started = time.perf_counter()
            helpers.bulk(es, generate(docs), index=index, chunk_size=500)
            es.indices.refresh(index=index)
            index_seconds = time.perf_counter() - started

            rng = random.Random(11)
            latencies = []
            started = time.perf_counter()
            for _ in range(queries):
                began = time.perf_counter()
                es.search(index=index, query={"match": {"body": rng.choice(QUERIES)}}, size=10)
                latencies.append((time.perf_counter() - began) * 1000)
            search_seconds = time.perf_counter() - started
        finally:
            run_engine("stop", env)
    return {
        "elasticsearch": "local node (search/engine), heap " + heap,
        "node_start_seconds": round(start_seconds, 2),
        "documents": docs,
        "index_docs_per_second": round(docs / index_seconds, 1),
        "queries": queries,
        "search_queries_per_second": round(queries / search_seconds, 1),
        "query_ms_p50": round(statistics.median(latencies), 2),
        "query_ms_p95": round(percentile(latencies, 0.95), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--heap", default="512m")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    args = parser.parse_args()
    figures = bench(args.docs, args.queries, args.heap)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    print(f"node start   {figures['node_start_seconds']:.2f} s ({figures['elasticsearch']})")
    print(f"indexing     {figures['index_docs_per_second']:.0f} docs/s ({figures['documents']} documents)")
    print(f"search       {figures['search_queries_per_second']:.0f} queries/s ({figures['queries']} queries)")
    print(f"query time   p50 {figures['query_ms_p50']:.1f} ms, p95 {figures['query_ms_p95']:.1f} ms")


if __name__ == "__main__":
    main()
