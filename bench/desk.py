"""Figures for the consultation desk as the number of consultations grows: the advisor's queue, a member
of staff's list, the dashboard (p50/p95 over HTTP and queries per page) and the CSV export (time and
peak memory of the serving process).

For each size (--sizes 1000,10000,100000,1000000) the script keeps a PostgreSQL database of its own
(`<DATABASE_URL's name>_desk<N>`, created, migrated and filled once, then reused) holding the reference
data, the case studies, the demo accounts and content, and N generated consultations written with
COPY in one transaction (seeded: the same N and --seed give the same rows). The generated ones are
filed in fiscal years 1990–2000 (references C-1990-… to C-2000-…), years the demo and the desk's own
numbering never use, while their filing dates spread over the ten years up to the day of generation;
the mix: about 18 % open (mostly filed in the last two months, some forgotten for years and overdue),
the rest resolved, closed or withdrawn; priorities; categories; the demo's advisors as assignees and
some unassigned; all 39 municipalities of Nara weighted by population (one member of staff each, the
demo's where there is one), joint consultations with partner municipalities; SLA due dates from
consultations.sla; the history (filed, assigned, each status change), 0–6 replies with internal notes,
and ratings for some finished ones. Rows written with COPY record no IndexChange: the search index is
out of it, and no page measured here asks Elasticsearch, so no node is started (ELASTICSEARCH_URL points
at a loopback port nothing listens on: a page that did ask would show as an error status).

Then, per size, the portal is served with gunicorn as in production (DEBUG=0, CONN_MAX_AGE=60,
2 workers, gunicorn's default 30 s timeout) and:

1. signed in as the advisor (advisor@example.jp, Client.force_login: no second factor asked), --warmup
   then --requests sequential GETs of the queue's default view and of `?status=open`, the dashboard, and
   as a member of staff (kashiba.staff@example.jp) of their list; queries per page are counted in this
   process with Django's test Client and CaptureQueriesContext (one request each, after one untimed);
2. the export (`/consultations/export.csv?status=`: every consultation) is streamed once over HTTP
   (the threshold above which the portal hands exports to the task worker lifted for this):
   seconds to the first and to the last byte, rows received, and the peak resident memory of the
   gunicorn worker that served it, read from /proc (VmHWM, reset through clear_refs before the request,
   and VmRSS sampled every 50 ms in case the worker is killed); its queries counted as the pages';
3. the same export requested as a large one is (consultations.exports.export_request), built by
   `manage.py db_worker`: seconds until the file is ready, and the worker's peak resident memory.

Everything the script starts is stopped at the end, also on an error or Ctrl-C.

    .venv/bin/python bench/desk.py [--sizes 1000,10000,100000,1000000] [--requests 200] [--warmup 20]
                                   [--seed 7] [--json]
"""

import argparse
import bisect
import datetime
import functools
import http.client
import itertools
import os
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402 -- the repository's root is on the path only from here
    PY,
    Processes,
    database_url,
    free_port,
    prepare_database,
    run_bench,
    run_child,
    served_env,
    session_cookie,
    signed_in_client,
    start_gunicorn,
    summary,
    timed_get,
)

STATE = ROOT / "var" / "bench-desk"
ADVISOR = "advisor@example.jp"
STAFF = "kashiba.staff@example.jp"
FIRST_FISCAL_YEAR = 1990  # the generated consultations' years: 1990 stands for ten years ago
YEARS = 10
CHUNK = 20_000
EXPORT_TIMEOUT = 3600  # seconds urllib waits on the socket; gunicorn's own timeout acts long before
TOKYO = zoneinfo.ZoneInfo("Asia/Tokyo")
DAY = 86_400.0

PAGES = [
    # key, label, account, path
    ("queue_default", "advisor queue (default)", ADVISOR, "/consultations/"),
    ("queue_open", "advisor queue ?status=open", ADVISOR, "/consultations/?status=open"),
    ("staff_list", "staff list (kashiba.staff)", STAFF, "/consultations/"),
    ("dashboard", "dashboard", ADVISOR, "/consultations/dashboard/"),
]
EXPORT_PATH = "/consultations/export.csv?status="
WORKER = [PY, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.1"]
WORKER_READY = "Starting worker"  # what db_worker logs once it takes tasks
EXPORT_TASK_TIMEOUT = 3600  # seconds a background export may take before the bench gives up on it

# (status, weight): about 18 % open, as a desk that keeps up with its work.
STATUSES = [
    ("new", 4),
    ("in_progress", 9),
    ("waiting", 5),
    ("resolved", 5),
    ("closed", 73),
    ("withdrawn", 4),
]
PRIORITIES = [("urgent", 10), ("normal", 75), ("low", 15)]
CATEGORIES = [
    ("procurement", 16),
    ("contract", 12),
    ("optimisation", 8),
    ("open_systems", 4),
    ("cloud", 18),
    ("joint_use", 9),
    ("security", 11),
    ("bcp", 4),
    ("data_migration", 7),
    ("sla", 5),
    ("other", 6),
]
SUBJECTS = [
    "住民記録システムの更改",
    "標準準拠システムへの移行",
    "ガバメントクラウドの利用料",
    "財務会計システムの保守契約",
    "庁内ネットワークの再構築",
    "LGWAN接続系の分離",
    "電子申請の導入",
    "戸籍システムのリース満了",
    "図書館システムの共同調達",
    "データ移行の費用",
    "業務継続計画（ICT部門）",
    "クラウド事業者とのSLA",
    "人事給与システムの入札",
    "文書管理システムのクラウド化",
]
ASKS = ["について", "の進め方", "の見積の妥当性", "の仕様書", "のスケジュール", "で困っています"]
BODY = [
    "現在の契約は来年度末で満了します。",
    "ベンダーから届いた見積が予算を大きく超えています。",
    "近隣の団体と共同で進められないか検討しています。",
    "担当職員が少なく、仕様の作成に手が回りません。",
    "議会への説明資料の構成について助言をお願いします。",
    "移行後の運用経費が現行より増える試算が出ています。",
    "他団体の事例があれば教えてください。",
]
REPLIES = [
    "ご相談ありがとうございます。論点を整理してお送りします。",
    "他団体の事例を確認しました。資料をお送りします。",
    "見積の内訳を分けて複数の事業者から取ると比較しやすくなります。",
    "承知しました。庁内で確認してご連絡します。",
    "資料をありがとうございました。次回の打合せで確認します。",
    "ご助言のとおり進めることになりました。",
]
NOTES = ["内部メモ：前回の更改でも同じ論点があった。", "内部メモ：次回訪問時に課長にも確認する。"]


def git_commit() -> str:
    described = subprocess.run(
        ["git", "describe", "--always", "--dirty", "--abbrev=12"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return described.stdout.strip() or "unknown"


# --- The parent: one child per database, the figures -------------------------------------------------


def child(size: int, args) -> dict:
    env = {
        **served_env(),
        "DATABASE_URL": database_url(f"desk{size}"),
        # Nothing listens there: the desk's pages do not ask the engine (a page that did would fail).
        "ELASTICSEARCH_URL": f"http://127.0.0.1:{free_port()}",
        "ELASTICSEARCH_INDEX_PREFIX": f"{os.environ.get('ELASTICSEARCH_INDEX_PREFIX', 'madoguchi')}-desk",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PRIVATE_STORAGE_ROOT": str(STATE / "private"),
    }
    arguments = [str(size), "--requests", str(args.requests), "--warmup", str(args.warmup)]
    return run_child(__file__, [*arguments, "--seed", str(args.seed)], env)


def bench(args) -> dict:
    figures = {
        "commit": git_commit(),
        "cpus": os.cpu_count(),
        "requests": args.requests,
        "warmup": args.warmup,
        "seed": args.seed,
        "served_by": "gunicorn -w 2 (sync, default 30 s timeout), DEBUG=0, CONN_MAX_AGE=60",
        "export_memory": "peak RSS of the serving gunicorn worker: /proc VmHWM after clear_refs, "
        "and VmRSS sampled every 50 ms",
        "sizes": {},
    }
    for size in args.sizes:
        figures["sizes"][str(size)] = child(size, args)
    return figures


# --- The child: one database, set up once, measured each run -----------------------------------------


def weighted(rng: random.Random, pairs: list[tuple[str, int]]):
    """A function drawing one of the pairs' values with their weights (cumulative, for speed)."""
    values = [v for v, _ in pairs]
    cumulative = list(itertools.accumulate(w for _, w in pairs))
    total = cumulative[-1]
    return lambda: values[bisect.bisect_right(cumulative, rng.random() * total)]


class Generator:
    """The generated desk: people, draws and the rows of each table, one chunk at a time."""

    def __init__(self, count: int, seed: int):
        from django.conf import settings

        from consultations.forms import advisors
        from portal.models import Municipality, SystemArea

        self.count = count
        self.rng = random.Random(seed)
        self.now = time.time()
        self.start = self.now - YEARS * 365.25 * DAY
        self.auto_close = settings.CONSULTATION_AUTO_CLOSE_DAYS
        municipalities = list(Municipality.objects.order_by("code"))
        self.staff = self._staff(municipalities)
        weights = [(m.pk, m.population or 10_000) for m in municipalities]
        self.municipality = weighted(self.rng, weights)
        self.areas = list(SystemArea.objects.order_by("pk").values_list("pk", flat=True))
        self.advisors = list(advisors().values_list("pk", flat=True))
        self.status = weighted(self.rng, STATUSES)
        self.priority = weighted(self.rng, PRIORITIES)
        self.category = weighted(self.rng, CATEGORIES)
        self.first_real_year = self._fiscal_year(self.start)

    @staticmethod
    def _staff(municipalities) -> dict[int, int]:
        """A member of staff per municipality (the demo's where there is one): the requesters."""
        from django.utils import timezone

        from portal.models import Membership, Role, User

        staff = dict(
            Membership.objects.filter(role=Role.STAFF, state=Membership.State.ACTIVE)
            .order_by("pk")
            .values_list("municipality_id", "user_id")
        )
        for m in municipalities:
            if m.pk not in staff:
                user = User.objects.create(email=f"staff-{m.code}@bench.example.jp", last_name=m.name)
                Membership.objects.create(
                    user=user,
                    municipality=m,
                    role=Role.STAFF,
                    state=Membership.State.ACTIVE,
                    started_on=timezone.localdate(),
                )
                staff[m.pk] = user.pk
        return staff

    @staticmethod
    def _fiscal_year(ts: float) -> int:
        day = datetime.datetime.fromtimestamp(ts, TOKYO)
        return day.year if day.month >= 4 else day.year - 1

    @staticmethod
    @functools.cache
    def _due(filed_on: datetime.date, priority: str) -> tuple[datetime.date, datetime.date]:
        from consultations import sla

        return sla.due_dates(filed_on=filed_on, priority=priority)

    def filing_times(self) -> list[tuple[float, str]]:
        """(filed at, final status) for every consultation, oldest first: numbers follow filing order."""
        rng, now, drawn = self.rng, self.now, []
        for _ in range(self.count):
            status = self.status()
            if status == "resolved":
                # Resolved ones are closed after CONSULTATION_AUTO_CLOSE_DAYS: all recent.
                at = now - rng.uniform(self.auto_close / 2, 60) * DAY
            elif status in ("new", "in_progress", "waiting") and rng.random() < 0.8:
                at = now - min(60.0, rng.expovariate(1 / 15)) * DAY
            else:
                at = rng.uniform(self.start, now - 2 * DAY)
            drawn.append((at, status))
        drawn.sort()
        return drawn

    def rows(self, first_id: int, drawn: list[tuple[float, str]], numbers: dict[int, int]) -> dict:
        """The rows of every table for one chunk of consultations."""
        rng, now = self.rng, self.now
        tables = {name: [] for name in ("consultation", "municipality", "area", "event", "message", "rating")}
        for offset, (filed, status) in enumerate(drawn):
            pk = first_id + offset
            year = FIRST_FISCAL_YEAR + self._fiscal_year(filed) - self.first_real_year
            numbers[year] = number = numbers.get(year, 0) + 1
            own = self.municipality()
            requester = self.staff[own]
            priority = self.priority()
            filed_at = datetime.datetime.fromtimestamp(filed, datetime.UTC)
            filed_on = datetime.datetime.fromtimestamp(filed, TOKYO).date()
            first_due, resolution_due = self._due(filed_on, priority)
            assigned = status != "new" or rng.random() < 0.3
            assignee = rng.choice(self.advisors) if assigned and rng.random() < 0.92 else None
            # The moments of its life, each after the last and none after now.
            span = now - filed
            answered = resolved = closed = waited = None
            if status in ("in_progress", "waiting", "resolved", "closed"):
                answered = filed + min(span * 0.3, rng.expovariate(1 / 0.8) * DAY + 1800)
            if status == "waiting":
                waited = answered + (now - answered) * rng.random()
            if status == "resolved":  # within the auto-close window, and after its first answer
                resolved = rng.uniform(max(answered, now - (self.auto_close - 1) * DAY), now)
            if status == "closed":
                resolved = answered + min((now - answered) * 0.5, rng.expovariate(1 / 12) * DAY)
                closed = resolved + min((now - resolved) * 0.5, rng.uniform(0, self.auto_close) * DAY)
            if status == "withdrawn":
                closed = filed + min(span * 0.5, rng.expovariate(1 / 10) * DAY)
            events = [(filed, "filed", requester, "", "new")]
            if assignee:
                events.append((filed + min(span * 0.1, 3600 * rng.random()), "assigned", assignee, "", ""))
            if answered:
                events.append((answered, "status", assignee, "new", "in_progress"))
            if waited:
                events.append((waited, "status", assignee, "in_progress", "waiting"))
            if resolved:
                events.append((resolved, "status", assignee, "in_progress", "resolved"))
            if status == "closed":
                events.append(
                    (closed, "status", requester if rng.random() < 0.6 else None, "resolved", "closed")
                )
            if status == "withdrawn":
                events.append((closed, "status", requester, "new", "withdrawn"))
            last = max(at for at, *_ in events)
            paused_on = waited or resolved
            title = f"{rng.choice(SUBJECTS)}{rng.choice(ASKS)}"
            body = "".join(rng.sample(BODY, rng.randint(2, 4)))
            tables["consultation"].append(
                (
                    pk,
                    f"C-{year}-{number:05d}",
                    year,
                    number,
                    title,
                    body,
                    self.category(),
                    priority,
                    filed_on + datetime.timedelta(days=14) if rng.random() < 0.2 else None,
                    requester,
                    own,
                    status,
                    assignee,
                    len(events),
                    filed_at,
                    _utc(last),
                    _utc(answered),
                    _utc(resolved),
                    _utc(closed),
                    first_due,
                    resolution_due,
                    datetime.datetime.fromtimestamp(paused_on, TOKYO).date() if paused_on else None,
                    0,
                )
            )
            partners = {own}
            if rng.random() < 0.06:  # a joint consultation: 1–3 partner municipalities read and reply
                partners.update(self.municipality() for _ in range(rng.randint(1, 3)))
            tables["municipality"] += [(pk, m) for m in sorted(partners)]
            tables["area"] += [(pk, a) for a in rng.sample(self.areas, rng.randint(0, 3))]
            tables["event"] += [(pk, kind, actor, _utc(at), a, b, "") for at, kind, actor, a, b in events]
            tables["message"] += self._messages(pk, requester, assignee, filed, answered, resolved or closed)
            if status in ("resolved", "closed") and rng.random() < 0.35:
                rated = resolved + min(now - resolved, DAY) * rng.random()
                outcome = rng.choice(["yes", "yes", "partly", "no", "na"])
                tables["rating"].append(
                    (
                        pk,
                        rng.randint(2, 5),
                        outcome,
                        rng.choice(["yes", "na", "no"]),
                        "",
                        requester,
                        _utc(rated),
                    )
                )
        return tables

    def _messages(self, pk, requester, assignee, filed, answered, ended) -> list[tuple]:
        """0–6 replies: the advisor's first public answer at the first response, then turns, some notes."""
        rng, rows = self.rng, []
        if answered is None:
            if rng.random() < 0.3:
                rows.append((pk, requester, False, rng.choice(REPLIES), _utc(filed + 600), None))
            return rows
        advisor = assignee or self.advisors[0]
        until = ended or self.now
        at = answered
        for turn in range(rng.randint(1, 6)):
            internal = turn > 0 and rng.random() < 0.15
            author = advisor if turn % 2 == 0 or internal else requester
            text = rng.choice(NOTES) if internal else rng.choice(REPLIES)
            rows.append((pk, author, internal, text, _utc(at), None))
            at += (until - at) * rng.random() * 0.5
        return rows


def _utc(ts: float | None):
    return datetime.datetime.fromtimestamp(ts, datetime.UTC) if ts is not None else None


COLUMNS = {
    "consultation": (
        "consultations_consultation",
        "id, reference, fiscal_year, number, title, body, category, priority, desired_answer_on, "
        "requester_id, filing_municipality_id, status, assignee_id, version, created_at, updated_at, "
        "first_response_at, resolved_at, closed_at, first_response_due, resolution_due, waiting_since, "
        "paused_business_days",
    ),
    "municipality": ("consultations_consultation_municipalities", "consultation_id, municipality_id"),
    "area": ("consultations_consultation_system_areas", "consultation_id, systemarea_id"),
    "event": (
        "consultations_event",
        "consultation_id, kind, actor_id, at, from_status, to_status, note",
    ),
    "message": ("consultations_message", "consultation_id, author_id, internal, body, created_at, edited_at"),
    "rating": (
        "consultations_rating",
        "consultation_id, score, solved, went_ahead, comment, rated_by_id, rated_at",
    ),
}


def bench_consultations():
    from consultations.models import Consultation

    return Consultation.objects.filter(fiscal_year__range=(FIRST_FISCAL_YEAR, FIRST_FISCAL_YEAR + YEARS))


def generate(count: int, seed: int) -> dict:
    """N generated consultations, with COPY in one transaction (all or none); reused when there."""
    from django.db import connection, transaction

    from consultations import counts
    from consultations.models import Consultation

    have = bench_consultations().count()
    if have == count:
        return {"generated_now": False, "generation_seconds": None}
    if have:
        raise SystemExit(
            f"{connection.settings_dict['NAME']} holds {have} generated consultations, not {count}: drop it"
        )
    began = time.perf_counter()
    generator = Generator(count, seed)
    drawn = generator.filing_times()
    numbers: dict[int, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        first_id = (Consultation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        for start in range(0, count, CHUNK):
            tables = generator.rows(first_id + start, drawn[start : start + CHUNK], numbers)
            for key, (table, columns) in COLUMNS.items():
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in tables[key]:
                        copy.write_row(row)
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('consultations_consultation', 'id'), "
            "(SELECT max(id) FROM consultations_consultation))"
        )
        # The desk's own counter then never issues a generated year's number again.
        cursor.executemany(
            "INSERT INTO consultations_referencecounter (fiscal_year, last_number) VALUES (%s, %s)",
            sorted(numbers.items()),
        )
    # COPY bypasses the services that keep the desk's counts: rebuild them, as after any bulk load.
    counts.recount()
    generated = time.perf_counter() - began
    with connection.cursor() as cursor:  # as autovacuum would: planner statistics, visibility map
        for table, _ in COLUMNS.values():
            cursor.execute(f"VACUUM ANALYZE {table}")
    return {"generated_now": True, "generation_seconds": round(generated, 1)}


def query_counts() -> dict:
    """Queries per page with the test Client, one request each after an untimed one (its caches
    warm), and of the export, one request after the pages (a whole export again would be slow)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients = {email: signed_in_client(email, HTTP_HOST="127.0.0.1") for email in (ADVISOR, STAFF)}
    counts = {}
    for key, _, email, path in [*PAGES, ("export", "export", ADVISOR, EXPORT_PATH)]:
        for _ in range(1 if key == "export" else 2):
            with CaptureQueriesContext(connection) as captured:
                response = clients[email].get(path)
                for _chunk in response.streaming_content if response.streaming else [response.content]:
                    pass
                response.close()
        counts[key] = {"status": response.status_code, "queries": len(captured.captured_queries)}
    return counts


def page_figures(base: str, warmup: int, requests: int) -> dict:
    cookies = {email: session_cookie(email) for email in (ADVISOR, STAFF)}
    figures = {}
    for key, _, email, path in PAGES:
        times, statuses = [], {}
        for number in range(warmup + requests):
            status, ms = timed_get(base + path, cookies[email])
            statuses[str(status)] = statuses.get(str(status), 0) + 1
            if number >= warmup and status == 200:
                times.append(ms)
        figures[key] = {**summary(times), "statuses": statuses}
    return figures


def workers_of(master: int) -> list[int]:
    """The gunicorn master's children (its workers), from their /proc/PID/stat parent field."""
    workers = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == master:
                workers.append(int(entry.name))
    return workers


def memory_kb(pid: int, field: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def export_figures(base: str, master: int, log: Path) -> dict:
    """The whole export once, streamed to a counter; memory of the worker that served it; whether
    gunicorn cut it off (its log says WORKER TIMEOUT, and the client gets a 500 or a broken stream)."""
    cookie = session_cookie(ADVISOR)
    timeouts_before = log.read_text(errors="replace").count("WORKER TIMEOUT")
    workers = workers_of(master)
    baseline = {pid: memory_kb(pid, "VmRSS") for pid in workers}
    for pid in workers:
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM starts again from the current RSS
    sampled = dict.fromkeys(workers, 0)
    done = threading.Event()

    def sample():
        while not done.wait(0.05):
            for pid in workers:
                sampled[pid] = max(sampled[pid], memory_kb(pid, "VmRSS") or 0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    request = urllib.request.Request(base + EXPORT_PATH, headers={"Cookie": cookie, "Accept-Language": "ja"})  # noqa: S310
    began = time.perf_counter()
    first_byte = None
    lines = size = 0
    status, content_type, error = None, "", None
    try:
        with urllib.request.urlopen(request, timeout=EXPORT_TIMEOUT) as response:  # noqa: S310
            status, content_type = response.status, response.headers.get("Content-Type", "")
            while chunk := response.read(1 << 16):
                first_byte = first_byte or time.perf_counter()
                lines += chunk.count(b"\n")
                size += len(chunk)
    except urllib.error.HTTPError as failure:
        status, error = failure.code, f"HTTP {failure.code}"
    except (http.client.HTTPException, OSError) as failure:
        error = f"cut off: {type(failure).__name__} {failure}"
    ended = time.perf_counter()
    done.set()
    sampler.join()
    peaks = {pid: max(sampled[pid], memory_kb(pid, "VmHWM") or 0) for pid in workers}
    served_by = max(workers, key=lambda pid: peaks[pid] - (baseline[pid] or 0))
    if log.read_text(errors="replace").count("WORKER TIMEOUT") > timeouts_before:
        error = f"cut off by gunicorn's worker timeout ({error or 'no error seen by the client'})"
    return {
        "status": status,
        "content_type": content_type,
        "error": error,
        "seconds": round(ended - began, 2),
        "first_byte_seconds": round(first_byte - began, 2) if first_byte else None,
        "rows": max(0, lines - 1),  # the header line
        "megabytes": round(size / 1e6, 1),
        "worker_rss_before_mb": round((baseline[served_by] or 0) / 1024, 1),
        "worker_peak_rss_mb": round(peaks[served_by] / 1024, 1),
    }


def wait_for_log(log: Path, line: str, times: int, timeout: float = 120) -> None:
    """Wait until ``log`` holds ``line`` ``times`` times."""
    deadline = time.monotonic() + timeout
    while log.read_text(errors="replace").count(line) < times:
        if time.monotonic() > deadline:
            raise SystemExit(f"{log} did not say {line!r} within {timeout} s")
        time.sleep(0.2)


def task_export_figures(worker_pid: int) -> dict:
    """The export every large one becomes: requested as the advisor would, built by the task worker;
    seconds until its file is ready and the worker's peak resident memory meanwhile."""
    from consultations import exports
    from consultations.models import Export
    from portal.models import User

    advisor = User.objects.get(email=ADVISOR)
    baseline = memory_kb(worker_pid, "VmRSS")
    Path(f"/proc/{worker_pid}/clear_refs").write_text("5")
    began = time.perf_counter()
    export = exports.export_request(actor=advisor, query="status=", language="ja")
    while export.state == Export.State.PENDING and time.perf_counter() - began < EXPORT_TASK_TIMEOUT:
        time.sleep(0.2)
        export.refresh_from_db()
    seconds = time.perf_counter() - began
    size = exports.private_storage().size(exports.stored_path(export)) if export.stored_name else 0
    return {
        "state": export.state,
        "error": export.error or None,
        "seconds": round(seconds, 2),
        "rows": export.row_count or 0,
        "megabytes": round(size / 1e6, 1),
        "worker_rss_before_mb": round((baseline or 0) / 1024, 1),
        "worker_peak_rss_mb": round((memory_kb(worker_pid, "VmHWM") or 0) / 1024, 1),
    }


def run_size(size: int, args) -> dict:
    created = prepare_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from consultations.models import Consultation

    figures = {"database_created_now": created, **generate(size, args.seed)}
    figures["consultations"] = Consultation.objects.count()
    figures["open"] = Consultation.objects.filter(status__in=["new", "in_progress", "waiting"]).count()
    figures["queries"] = query_counts()
    processes = Processes(STATE)
    try:
        # The streamed export is measured at every size: the threshold above which the portal hands an
        # export to the worker is lifted for this server (the task is measured on its own below).
        served = {**served_env(), "CONSULTATION_EXPORT_SYNC_MAX_ROWS": str(10**9)}
        gunicorn, base = start_gunicorn(processes, served)
        figures["pages"] = page_figures(base, args.warmup, args.requests)
        figures["export"] = export_figures(base, gunicorn.pid, processes.logs[gunicorn.pid])
        # Processes appends to its logs: earlier runs' lines are there too.
        worker_log = STATE / "python-manage.py.log"
        ready_before = worker_log.exists() and worker_log.read_text(errors="replace").count(WORKER_READY)
        worker = processes.start(WORKER, served)
        wait_for_log(processes.logs[worker.pid], WORKER_READY, ready_before + 1)  # timed from a ready worker
        figures["export_task"] = task_export_figures(worker.pid)
    finally:
        processes.close()
    return figures


def print_figures(figures: dict) -> None:
    print(f"commit {figures['commit']}, {figures['cpus']} CPUs; {figures['served_by']}")
    print(
        f"{figures['warmup']} warm-up + {figures['requests']} sequential GETs per page, "
        f"seed {figures['seed']}"
    )
    for size, f in figures["sizes"].items():
        made = f"generated now in {f['generation_seconds']} s" if f["generated_now"] else "reused"
        print(
            f"\n{int(size):,} generated consultations ({made}); "
            f"{f['consultations']:,} in all, {f['open']:,} open"
        )
        print(f"  {'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for key, label, _, _ in PAGES:
            page, queries = f["pages"][key], f["queries"][key]
            if queries["status"] != 200:
                print(f"  {label:<28} answers HTTP {queries['status']} (not measured)")
            elif page["count"]:
                print(f"  {label:<28} {page['p50_ms']:>8.1f} {page['p95_ms']:>8.1f} {queries['queries']:>8}")
            else:
                print(f"  {label:<28} not measured: statuses {page['statuses']}")
        e = f["export"]
        outcome = e["error"] or f"HTTP {e['status']} {e['content_type']}"
        t = f["export_task"]
        print(
            f"  export as a task: {t['state']}, {t['rows']:,} rows, {t['megabytes']} MB in {t['seconds']} s; "
            f"worker's peak RSS {t['worker_peak_rss_mb']} MB ({t['worker_rss_before_mb']} MB before)"
            + (f"; {t['error']}" if t["error"] else "")
        )
        print(
            f"  export CSV: {e['rows']:,} rows, {e['megabytes']} MB in {e['seconds']} s (first byte "
            f"{e['first_byte_seconds'] if e['first_byte_seconds'] is not None else '–'} s), "
            f"{f['queries']['export']['queries']} queries; {outcome}"
        )
        print(
            f"  export memory: serving worker's peak RSS {e['worker_peak_rss_mb']} MB "
            f"(before the request {e['worker_rss_before_mb']} MB)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000,1000000", type=lambda v: [int(n) for n in v.split(",")]
    )
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    run_bench(parser, child=lambda args: run_size(int(args.child), args), parent=bench, show=print_figures)


if __name__ == "__main__":
    main()
