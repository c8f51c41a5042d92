"""Figures for the portal's search: HTTP latency next to Elasticsearch's `took`, suggest latency, rebuild
throughput next to a raw bulk load, change → searchable with the worker running, and relevance.

For each size (--docs 10000,100000) the script keeps a PostgreSQL database of its own
(`<DATABASE_URL's name>_bench<N>`, created, migrated and filled once, then reused) holding the reference
data, the demo accounts and N generated Japanese consultations (seeded: the same N give the same rows).
It starts its own Elasticsearch node (search/engine/run on a free loopback port, state under
var/bench-search/) unless --es-url names one, uses the index prefix `<ELASTICSEARCH_INDEX_PREFIX>-bench`,
and for each size:

1. rebuilds both indexes with search.indexing.rebuild (docs/s), next to the same documents, prepared
   beforehand, sent with a bare helpers.streaming_bulk into a fresh index with the same settings, once
   before the rebuild and once after (the faster counts: the first also warms the node up);
2. serves the portal with gunicorn as in production (DEBUG=0, CONN_MAX_AGE=60, 2 workers) and runs
   `manage.py db_worker`;
3. signed in as a member of staff (香芝市), sends each query to /search/?q= (facets and highlights are
   the page's own) and /search/suggest?q=, one at a time; next to it, the page's own query
   (search.query.results_search, facets and highlights included) goes straight to Elasticsearch and
   its `took` is recorded;
4. renames consultations through the ORM (the signals record the change, the worker applies it) and
   polls the alias until the new title is found: change → searchable.

Relevance (nDCG@10, MRR) runs the labelled queries of search/relevance_queries.json through
search.relevance.portal_ranking on a database holding the demo content only (`..._benchdemo`).
Everything the script starts is stopped at the end, also on an error or Ctrl-C.

    .venv/bin/python bench/search.py [--docs 10000,100000] [--queries 200] [--changes 40] [--json]
"""

import argparse
import os
import random
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402 -- the repository's root is on the path only from here
    PY,
    Processes,
    database_url,
    free_port,
    percentile,
    prepare_database,
    run_bench,
    run_child,
    served_env,
    session_cookie,
    start_gunicorn,
    summary,
    timed_get,
)

RUN = ROOT / "search" / "engine" / "run"
STATE = ROOT / "var" / "bench-search"
BENCH_FISCAL_YEAR = 1999  # generated consultations are told apart from the demo's by this year
BENCH_USER = "kashiba.staff@example.jp"
# Seconds a change may take to become searchable before it counts as not searchable in time.
CHANGE_TIMEOUT = float(os.environ.get("BENCH_CHANGE_TIMEOUT", 30))

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
SYSTEMS = [
    "基幹システム",
    "住民記録システム",
    "戸籍システム",
    "財務会計システム",
    "人事給与システム",
    "税務システム",
    "国保システム",
    "介護保険システム",
    "図書館システム",
    "施設予約システム",
    "文書管理システム",
    "電子申請システム",
    "LGWAN接続系",
    "庁内ネットワーク",
    "ファイルサーバ",
]
THEMES = [
    "ガバメントクラウドへの移行",
    "標準化対応",
    "自治体クラウドへの参加",
    "共同利用",
    "共同調達",
    "更改",
    "保守契約の更新",
    "データ移行",
    "ｸﾗｳﾄﾞ化",
    "ＢＰＲ",
    "SLAの見直し",
    "BCPの策定",
    "情報セキュリティ対策",
    "RFPの作成",
    "ベンダーロックインの回避",
]
ASKS = [
    "について相談したい",
    "の進め方",
    "で困っています",
    "の費用の妥当性",
    "の事例を知りたい",
    "のスケジュール",
]
SENTENCES = [
    "{m}では{s}の{t}を検討しています。",
    "現在の契約は来年度末で満了します。",
    "ベンダーから見積が届きましたが、予算を{n}割ほど超えています。",
    "近隣の団体と共同で調達できれば、仕様の作成や費用の面で助かると考えています。",
    "標準準拠システムへの移行後、運用経費が現行より増える試算が出ています。",
    "原課の職員と一緒に業務の見直しを進めています。",
    "総合評価型プロポーザル方式で事業者を選定する予定です。",
    "移行判定日と並行稼働期間の決め方について助言をお願いします。",
    "サービスレベル合意の項目として稼働率と障害時の連絡時間を入れたいと考えています。",
    "議会や財政課への説明資料の構成を教えてください。",
    "{m}の情報政策課では担当が{n}人しかいません。",
    "データの返還方法と費用負担を契約書にどう書くかが論点です。",
]
QUERIES = [
    "ガバクラ",
    "ｸﾗｳﾄﾞ",
    "クラウド",
    "標準化",
    "共同調達",
    "業務改革",
    "サービスレベル合意",
    "データ移行",
    "戸籍システム",
    "保守契約の更新",
    "見積が予算を超えて",
    "財務会",
    "ベンダーロックイン",
    "住民記録システム 更改",
    "総合評価型プロポーザル",
    "香芝市",
]
PREFIXES = ["ガバ", "じちた", "こせき", "クラ", "標準", "共同", "財務", "ざいむ", "住民", "でーた"]


# --- The parent: the node, one child per database, the figures --------------------------------------


class Node:
    """This bench's own Elasticsearch node, stopped by close() whatever happened."""

    def __init__(self, heap: str):
        self.port = free_port()
        STATE.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "ES_PORT": str(self.port),
            "ES_HOME_DIR": str(STATE / "elasticsearch"),
            "ES_HEAP": heap,
        }
        self.started = False

    def start(self) -> str:
        subprocess.run([str(RUN), "start"], env=self.env, check=True, capture_output=True, text=True)  # noqa: S603
        self.started = True
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        if self.started:
            subprocess.run([str(RUN), "stop"], env=self.env, check=False, capture_output=True, text=True)  # noqa: S603
            self.started = False


def child(mode: str, url: str, es_url: str, args) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "ELASTICSEARCH_URL": es_url,
        "ELASTICSEARCH_INDEX_PREFIX": f"{os.environ.get('ELASTICSEARCH_INDEX_PREFIX', 'madoguchi')}-bench",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "1",  # load_demo needs it; the served portal runs with DEBUG=0
        "PRIVATE_STORAGE_ROOT": str(STATE / "private"),
    }
    arguments = [
        mode,
        "--queries",
        str(args.queries),
        "--changes",
        str(args.changes),
        "--seed",
        str(args.seed),
    ]
    return run_child(__file__, arguments, env)


def bench(args) -> dict:
    node = None
    try:
        es_url = args.es_url
        if not es_url:
            node = Node(args.heap)
            es_url = node.start()
        figures = {
            "elasticsearch": es_url if args.es_url else f"own local node, heap {args.heap}",
            "sizes": {},
        }
        for size in args.docs:
            figures["sizes"][str(size)] = child(str(size), database_url(f"bench{size}"), es_url, args)
        figures["relevance"] = child("demo", database_url("benchdemo"), es_url, args)
        return figures
    finally:
        if node:
            node.close()


# --- The child: one database, set up once, measured each run -----------------------------------------


def generate(count: int, seed: int) -> int:
    """Add generated consultations up to ``count`` (bulk inserts: the rebuild indexes them)."""
    from consultations import counts
    from consultations.models import Category, Consultation, Status
    from portal.models import Municipality, SystemArea, User

    have = Consultation.objects.filter(fiscal_year=BENCH_FISCAL_YEAR).count()
    if have >= count:
        return 0
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.filter(name__in=MUNICIPALITIES))
    areas = list(SystemArea.objects.all())
    requester = User.objects.get(email=BENCH_USER)
    categories, statuses = list(Category.values), list(Status.values)
    Through = Consultation.municipalities.through
    AreaThrough = Consultation.system_areas.through
    for start in range(0, count, 2000):
        rows, places = [], []
        for number in range(start + 1, min(count, start + 2000) + 1):
            m, s, t = rng.choice(municipalities), rng.choice(SYSTEMS), rng.choice(THEMES)
            body = "".join(
                rng.choice(SENTENCES).format(m=m.name, s=s, t=t, n=rng.randint(2, 5))
                for _ in range(rng.randint(4, 9))
            )
            rows.append(
                Consultation(
                    reference=f"C-{BENCH_FISCAL_YEAR}-{number:05d}",
                    fiscal_year=BENCH_FISCAL_YEAR,
                    number=number,
                    title=f"{m.name}の{s}の{t}{rng.choice(ASKS)}",
                    body=body,
                    category=rng.choice(categories),
                    status=rng.choice(statuses),
                    requester=requester,
                    filing_municipality=m,
                )
            )
            places.append((m, rng.sample(areas, k=rng.randint(0, 3))))
        if rows[-1].number <= have:
            continue
        fresh = [(row, place) for row, place in zip(rows, places, strict=True) if row.number > have]
        created = Consultation.objects.bulk_create([row for row, _ in fresh])
        Through.objects.bulk_create(
            [
                Through(consultation_id=c.pk, municipality_id=m.pk)
                for c, (m, _) in zip(created, [p for _, p in fresh], strict=True)
            ]
        )
        AreaThrough.objects.bulk_create(
            [
                AreaThrough(consultation_id=c.pk, systemarea_id=a.pk)
                for c, (_, chosen) in zip(created, [p for _, p in fresh], strict=True)
                for a in chosen
            ]
        )
    # Bulk inserts bypass the services that keep the desk's counts: rebuild them, as after any bulk load.
    counts.recount()
    return count - have


def raw_bulk(actions: list[dict]) -> float:
    """docs/s of a bare streaming_bulk of ``actions`` into a fresh index with the rebuild's settings."""
    from elasticsearch import helpers

    from search import indexing, synonyms
    from search.client import get_client
    from search.documents import CONSULTATIONS, alias

    client = get_client()
    name = f"{alias(CONSULTATIONS)}-raw"
    client.indices.delete(index=name, ignore_unavailable=True)
    indexing.create_index(name, synonyms.current_rules())
    client.indices.put_settings(index=name, settings={"refresh_interval": "-1"})
    started = time.perf_counter()
    for _ in helpers.streaming_bulk(
        client.options(request_timeout=120),
        ({**action, "_index": name} for action in actions),
        chunk_size=indexing.APPLY_BATCH,
    ):
        pass
    client.indices.refresh(index=name)
    seconds = time.perf_counter() - started
    client.indices.delete(index=name)
    return len(actions) / seconds


def rebuild_figures() -> dict:
    from search import indexing
    from search.documents import CONSULTATIONS, INDEXES

    figures = {}
    # The same documents, prepared beforehand: a bare bulk of them before the rebuild (the node warms
    # up on it) and after; the faster of the two is the figure the rebuild is held against.
    actions = list(indexing.rebuild_actions(CONSULTATIONS, "unused"))
    first_raw = raw_bulk(actions)
    for key in INDEXES:
        result = indexing.rebuild(key, grace_seconds=0)
        figures[f"rebuild_{key}_documents"] = result.documents
        figures[f"rebuild_{key}_docs_per_second"] = round(result.per_second, 1)
    figures["raw_bulk_docs_per_second"] = round(max(first_raw, raw_bulk(actions)), 1)
    figures["rebuild_vs_raw"] = round(
        figures[f"rebuild_{CONSULTATIONS}_docs_per_second"] / figures["raw_bulk_docs_per_second"], 2
    )
    return figures


def es_took(query: str) -> float:
    """Elasticsearch's own `took` for exactly the query the page sends (facets and highlights on)."""
    from portal.models import User
    from search.query import Criteria, results_search

    return float(results_search(Criteria(text=query), User.objects.get(email=BENCH_USER)).execute().took)


def http_figures(base: str, queries: int, rng: random.Random) -> dict:
    cookie = session_cookie(BENCH_USER)
    search_ms, suggest_ms, took_ms, statuses = [], [], [], {}
    for _ in range(queries):
        query = rng.choice(QUERIES)
        status, ms = timed_get(f"{base}/search/?q={urllib.parse.quote(query)}", cookie)
        statuses[f"search {status}"] = statuses.get(f"search {status}", 0) + 1
        if status == 200:
            search_ms.append(ms)
        took_ms.append(es_took(query))
        status, ms = timed_get(f"{base}/search/suggest?q={urllib.parse.quote(rng.choice(PREFIXES))}", cookie)
        statuses[f"suggest {status}"] = statuses.get(f"suggest {status}", 0) + 1
        if status == 200:
            suggest_ms.append(ms)
    figures = {
        "search_http": summary(search_ms),
        "search_es_took": summary(took_ms),
        "suggest_http": summary(suggest_ms),
    }
    figures["http_statuses"] = statuses
    if search_ms and took_ms:
        figures["search_http_p95_over_took_p95"] = round(
            percentile(search_ms, 0.95) / max(1.0, percentile(took_ms, 0.95)), 2
        )
    return figures


def change_figures(changes: int, rng: random.Random) -> dict:
    """Rename consultations through the ORM and wait until the alias finds the new title."""
    from consultations.models import Consultation
    from search.client import get_client
    from search.documents import CONSULTATIONS, alias

    client = get_client()
    pks = list(Consultation.objects.filter(fiscal_year=BENCH_FISCAL_YEAR).values_list("pk", flat=True)[:5000])
    latencies, lost = [], 0
    for number in range(changes):
        consultation = Consultation.objects.get(pk=rng.choice(pks))
        token = f"ベンチ{number:04d}{rng.randrange(10**6):06d}"
        consultation.title = f"{consultation.title.split('（')[0]}（{token}）"
        began = time.perf_counter()
        consultation.save(update_fields=["title", "updated_at"])
        deadline = began + CHANGE_TIMEOUT
        while True:
            hits = client.search(index=alias(CONSULTATIONS), query={"match_phrase": {"title": token}}, size=1)
            if hits["hits"]["total"]["value"]:
                latencies.append((time.perf_counter() - began) * 1000)
                break
            if time.perf_counter() > deadline:
                lost += 1
                break
            time.sleep(0.02)
    return {"change_to_searchable": summary(latencies), "changes_not_searchable_in_time": lost}


def run_size(size: int, args) -> dict:
    prepare_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    generated = generate(size, args.seed)
    figures = {"documents_generated_now": generated, **rebuild_figures()}
    processes = Processes(STATE)
    try:
        served = served_env()
        _, base = start_gunicorn(processes, served)
        # --interval: how long an idle worker waits before looking again; the default (1 s) would
        # dominate change → searchable. 0.1 s is what a production worker can afford too.
        processes.start([PY, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1"], served)
        rng = random.Random(args.seed)
        figures.update(http_figures(base, args.queries, rng))
        figures.update(change_figures(args.changes, rng))
    finally:
        processes.close()
    return figures


def run_demo(args) -> dict:
    prepare_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from portal.models import User
    from search import indexing, registry, relevance
    from search.documents import INDEXES

    for key in INDEXES:
        indexing.rebuild(key, grace_seconds=0)
    titles = {t.document(o).get("title", "") for t in registry.all() for o in t.queryset()}
    advisor = User.objects.get(email="advisor@example.jp")
    result = relevance.evaluate(
        lambda q: relevance.portal_ranking(q, advisor), relevance.load_queries(), titles
    )
    return {
        "queries_scored": len(result.scores),
        "queries_skipped_no_indexed_document": len(result.skipped),
        "ndcg_at_10": round(result.mean_ndcg, 3),
        "mrr": round(result.mrr, 3),
        "per_query": {s.query.query: {"ndcg": round(s.ndcg, 3), "rr": round(s.rr, 3)} for s in result.scores},
    }


def print_figures(figures: dict) -> None:
    print(f"elasticsearch: {figures['elasticsearch']}")
    for size, f in figures["sizes"].items():
        print(f"\n{size} generated consultations (+ demo content)")
        print(
            f"  rebuild          {f['rebuild_consultations_docs_per_second']:.0f} docs/s "
            f"({f['rebuild_consultations_documents']} docs); raw streaming_bulk "
            f"{f['raw_bulk_docs_per_second']:.0f} docs/s; ratio {f['rebuild_vs_raw']:.2f}"
        )
        for label, key in (
            ("search HTTP", "search_http"),
            ("ES took", "search_es_took"),
            ("suggest HTTP", "suggest_http"),
            ("change→found", "change_to_searchable"),
        ):
            s = f[key]
            if s["count"]:
                print(f"  {label:<16} p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms ({s['count']})")
            else:
                print(f"  {label:<16} not measured (statuses: {f['http_statuses']})")
        if "search_http_p95_over_took_p95" in f:
            print(f"  HTTP p95 / took p95  {f['search_http_p95_over_took_p95']:.2f}")
    r = figures["relevance"]
    print(
        f"\nrelevance (demo content): nDCG@10 {r['ndcg_at_10']:.3f}, MRR {r['mrr']:.3f} over "
        f"{r['queries_scored']} queries ({r['queries_skipped_no_indexed_document']} skipped: "
        "no labelled document indexed)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", default="10000", type=lambda v: [int(n) for n in v.split(",")])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--es-url", help="use this node instead of starting one")
    run_bench(
        parser,
        child=lambda args: run_demo(args) if args.child == "demo" else run_size(int(args.child), args),
        parent=bench,
        show=print_figures,
    )


if __name__ == "__main__":
    main()
