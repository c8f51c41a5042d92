"""What the benchmarks share: a database per size, the served portal, timed GETs, figures.

A bench script is a parent that starts what it needs and a child per database (run with that database's
DATABASE_URL); both sides import this module, the child after its own `sys.path` set-up.
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def run_child(script: str, arguments: list[str], env: dict) -> dict:
    """Run the bench's child (`script --child …`) and return the figures it printed last, as JSON."""
    command = [PY, script, "--child", *arguments]
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)  # noqa: S603
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_bench(parser: argparse.ArgumentParser, *, child, parent, show) -> None:
    """A bench's command line: `--child X` runs child(args) and prints its figures as JSON (for the
    parent); otherwise parent(args) gathers the figures and they are shown, or printed with --json."""
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args), ensure_ascii=False, default=str))
        return
    figures = parent(args)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        show(figures)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict:
    if not values:
        return {"count": 0}
    return {
        "count": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(percentile(values, 0.95), 1),
    }


def database_url(suffix: str) -> str:
    base = os.environ.get("DATABASE_URL", "postgres://madoguchi@127.0.0.1:54330/madoguchi")
    parsed = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parsed._replace(path=f"{parsed.path.rstrip('/')}_{suffix}"))


def ensure_database(url: str) -> bool:
    """Create the database if it is missing; True when it was created."""
    import psycopg

    parsed = urllib.parse.urlsplit(url)
    name = parsed.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        connection.execute(f'CREATE DATABASE "{name}"')
        return True


def manage(*arguments: str) -> None:
    # DEBUG on: load_demo refuses to run without it (the served portal runs with DEBUG=0).
    env = {**os.environ, "DEBUG": "1"}
    subprocess.run([PY, "manage.py", *arguments], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def prepare_database(url: str) -> bool:
    """Create and fill the database the first time; later runs only migrate it (reuse). True if created."""
    created = ensure_database(url)
    manage("migrate", "--no-input", "-v", "0")
    if not created:
        return False
    manage("createcachetable")
    manage("load_reference_data", "-v", "0")
    manage("load_cases", "-v", "0")
    manage("load_demo")
    return True


class Processes:
    """Servers a bench started, stopped (by their own process group) on close(), whatever happened."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.running: list[subprocess.Popen] = []
        self.logs: dict[int, Path] = {}

    def start(self, command: list[str], env: dict) -> subprocess.Popen:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        path = self.log_dir / f"{Path(command[0]).name}-{command[1] if len(command) > 1 else ''}.log"
        log = open(path, "ab")
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)  # noqa: S603
        self.running.append(process)
        self.logs[process.pid] = path
        return process

    def close(self) -> None:
        for process in self.running:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def served_env() -> dict:
    """The environment of the served portal: as in production (README), DEBUG off and database
    connections kept between requests."""
    return {**os.environ, "DEBUG": "0", "CONN_MAX_AGE": "60"}


def start_gunicorn(processes: Processes, env: dict, workers: int = 2) -> tuple[subprocess.Popen, str]:
    """gunicorn serving the portal on a free loopback port (gunicorn's other settings left at their
    defaults, its 30 s worker timeout included); the process and the base URL once it answers."""
    port = free_port()
    command = [GUNICORN, "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", str(workers)]
    process = processes.start(command, env)
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/healthz")
    return process, base


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 — loopback only
            return
        except urllib.error.HTTPError:
            return  # any answer means the server is up
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def signed_in_client(email: str, **defaults):
    """A test Client signed in as the account, its session as a real portal login would leave it
    (the second factor recorded for an enrolled advisor: RequireMFAMiddleware asks for it)."""
    from portal.models import User
    from tests.clients import PortalClient

    client = PortalClient(**defaults)
    client.force_login(User.objects.get(email=email))
    return client


def session_cookie(email: str) -> str:
    return f"sessionid={signed_in_client(email).cookies['sessionid'].value}"


def timed_get(url: str, cookie: str) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie, "Accept-Language": "ja"})  # noqa: S310
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - began) * 1000
