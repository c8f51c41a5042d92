"""search/engine/run on a port and state directory of its own, beside the node the suite uses."""

import json
import os
import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest

from .conftest import wait_until

RUN = Path(__file__).resolve().parents[2] / "search" / "engine" / "run"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def processes_using(home: Path) -> list[int]:
    """Pids of live processes whose command line names ``home`` as the node's path.home."""
    marker = f"-Epath.home={home}".encode()
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z":
            pids.append(int(proc.name))
    return pids


@pytest.fixture
def engine(tmp_path):
    home = tmp_path / "node"
    env = {**os.environ, "ES_PORT": str(free_port()), "ES_HOME_DIR": str(home), "ES_HEAP": "256m"}

    def run(command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(RUN), command], env=env, capture_output=True, text=True, timeout=300, check=False
        )

    run.port = int(env["ES_PORT"])
    run.home = home
    yield run
    run("stop")


def test_engine_starts_reports_status_reuses_its_node_and_stops_cleanly(engine):
    started = engine("start")
    assert started.returncode == 0, started.stderr
    pid = int((engine.home / "node.pid").read_text())
    assert processes_using(engine.home) == [pid]
    with urllib.request.urlopen(f"http://127.0.0.1:{engine.port}/_cluster/health", timeout=5) as answer:
        assert json.load(answer)["status"] in {"green", "yellow"}
    assert (engine.home / "logs" / "madoguchi-local.log").exists()

    status = engine("status")
    assert status.returncode == 0
    assert f"http://127.0.0.1:{engine.port}" in status.stdout

    again = engine("start")
    assert again.returncode == 0, again.stderr
    assert int((engine.home / "node.pid").read_text()) == pid

    stopped = engine("stop")
    assert stopped.returncode == 0, stopped.stderr
    wait_until(lambda: not processes_using(engine.home), timeout=10, message="the node process to go away")
    assert not (engine.home / "node.pid").exists()
    assert "madoguchi node stopped" in (engine.home / "logs" / "madoguchi-local.log").read_text()

    after = engine("status")
    assert after.returncode == 3
    assert "not running" in after.stdout
    assert engine("stop").returncode == 0


def test_engine_refuses_a_port_held_by_another_process(engine):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", engine.port))
        squatter.listen()

        refused = engine("start")

        assert refused.returncode != 0
        assert "held by a process this script did not start" in refused.stderr
        assert not processes_using(engine.home)
        assert not (engine.home / "node.pid").exists()
        assert engine("status").returncode == 3
