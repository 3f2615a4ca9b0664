"""Processes for the scale-out tests, all on the PostgreSQL test database that pytest-django created.

App servers run on granian (WSGI), as `make serve` and deploy/ run danvan in production; deadline workers run
`danvan sweep_deadlines` again and again, each run a new process, as cron or a systemd timer does. The test commits
its data (``transaction=True``) so that these processes see it. Every process is stopped at teardown, before
pytest-django empties the database; each wait is bounded.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
GRANIAN = Path(sys.executable).parent / "granian"
SERVER_WORKERS = 2  # worker processes per server, as bench/common.py runs granian
SERVER_THREADS = 2  # WSGI threads per worker
START_TIMEOUT = 90.0  # a loaded 2-core CI machine starts granian + Django slowly
STOP_TIMEOUT = 10.0
SWEEP_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url() -> str:
    """``DANVAN_DATABASE_URL`` of the database this test uses (pytest-django's ``test_…`` database)."""
    db = connection.settings_dict
    user, password = quote(db["USER"] or "", safe=""), quote(str(db["PASSWORD"] or ""), safe="")
    auth = f"{user}{':' + password if password else ''}@" if user else ""
    host = quote(db["HOST"] or "localhost", safe="")  # a socket directory is quoted (/ → %2F)
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}{host}{port}/{quote(db['NAME'], safe='')}"


def tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL to the process group this fixture started, each wait bounded."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # its own session: only what we started
        process.wait(timeout=STOP_TIMEOUT)


@pytest.fixture
def process_env(transactional_db, tmp_path: Path) -> dict[str, str]:
    """The environment of every subprocess: production settings (``DEBUG=0``) on the test database, with this
    process's secret and vault keys, mail written to files under ``var/mail``."""
    var_dir = tmp_path / "var"
    (var_dir / "mail").mkdir(parents=True)
    env = {name: value for name, value in os.environ.items() if not name.startswith("DANVAN_")}
    env.update(
        DJANGO_SETTINGS_MODULE="danvan.settings",
        DANVAN_DATABASE_URL=database_url(),
        DANVAN_DEBUG="0",
        DANVAN_TESTING="1",
        DANVAN_SECRET_KEY=settings.SECRET_KEY,
        DANVAN_VAULT_KEYS=",".join(settings.VAULT_KEYS),
        DANVAN_ALLOWED_HOSTS="127.0.0.1",
        DANVAN_VAR_DIR=str(var_dir),
        DANVAN_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DANVAN_EMAIL_FILE_PATH=str(var_dir / "mail"),
        DANVAN_LOG_LEVEL="WARNING",
    )
    return env


@dataclass
class Server:
    name: str
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def app_servers(process_env: dict[str, str], tmp_path: Path) -> Iterator[list[Server]]:
    """Two granian servers on two loopback ports (``SERVER_WORKERS`` processes each), ready to answer."""
    started: list[tuple[Server, subprocess.Popen]] = []
    try:
        for name in ("A", "B"):
            server = Server(name=name, port=free_port(), log=tmp_path / f"server-{name}.log")
            with server.log.open("wb") as log:
                process = subprocess.Popen(
                    [
                        str(GRANIAN),
                        "--interface",
                        "wsgi",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(server.port),
                        "--workers",
                        str(SERVER_WORKERS),
                        "--blocking-threads",
                        str(SERVER_THREADS),
                        "--log-level",
                        "warning",
                        "danvan.wsgi:application",
                    ],
                    env=process_env,
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            started.append((server, process))
        for server, process in started:
            wait_until_ready(server, process)
        yield [server for server, _process in started]
    finally:
        for _server, process in started:
            stop_process(process)


def _answers_health_check(server: Server) -> bool:
    """True once the server answers ``/healthz`` with 200; a refused or reset connection means not yet."""
    try:
        with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as answer:  # noqa: S310 - loopback only
            return answer.status == 200
    except OSError:
        return False


def wait_until_ready(server: Server, process: subprocess.Popen) -> None:
    give_up = time.monotonic() + START_TIMEOUT
    while True:
        if _answers_health_check(server):
            return
        if process.poll() is not None or time.monotonic() > give_up:
            pytest.fail(f"server {server.name} did not start (exit {process.poll()}):\n{tail(server.log)}")
        time.sleep(0.1)


@dataclass
class SweepRun:
    started: float
    finished: float
    returncode: int
    output: str


@dataclass
class SweepWorker:
    """One worker: `danvan sweep_deadlines` in a fresh process, again as soon as the last one ends, until stopped."""

    name: str
    env: dict[str, str]
    runs: list[SweepRun] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    current: subprocess.Popen | None = None
    thread: threading.Thread | None = None

    def start(self, go: threading.Barrier) -> None:
        self.thread = threading.Thread(target=self._loop, args=(go,), name=f"sweep-{self.name}", daemon=True)
        self.thread.start()

    def _loop(self, go: threading.Barrier) -> None:
        go.wait(timeout=SWEEP_TIMEOUT)  # both workers start their first sweep together
        while not self.stopping.is_set():
            started = time.monotonic()
            self.current = subprocess.Popen(
                [sys.executable, "-m", "danvan.cli", "sweep_deadlines"],
                env=self.env,
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                output, _ = self.current.communicate(timeout=SWEEP_TIMEOUT)
            except subprocess.TimeoutExpired:
                stop_process(self.current)
                output, _ = self.current.communicate()
            self.runs.append(
                SweepRun(started, time.monotonic(), self.current.returncode, output.decode("utf-8", "replace"))
            )

    def finished_since(self, moment: float) -> int:
        """How many sweeps started at or after ``moment`` and have ended."""
        return sum(1 for run in list(self.runs) if run.started >= moment)

    def stop(self) -> None:
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=SWEEP_TIMEOUT + 2 * STOP_TIMEOUT)
        if self.current is not None:
            stop_process(self.current)


class SweepWorkers:
    """Two deadline workers, started together on demand and always stopped at teardown."""

    def __init__(self, env: dict[str, str]) -> None:
        self.workers = [SweepWorker("1", env), SweepWorker("2", env)]
        self.started_at = 0.0

    def start(self) -> None:
        go = threading.Barrier(len(self.workers))
        self.started_at = time.monotonic()
        for worker in self.workers:
            worker.start(go)

    def completed(self, since: float | None = None) -> int:
        """The fewest sweeps any worker has completed (that started at or after ``since``)."""
        return min(worker.finished_since(self.started_at if since is None else since) for worker in self.workers)

    def wait_for(self, count: int, *, since: float, timeout: float) -> None:
        give_up = time.monotonic() + timeout
        while self.completed(since) < count:
            assert time.monotonic() < give_up, f"the workers did not complete {count} sweep(s) in {timeout:.0f} s"
            time.sleep(0.05)

    def stop(self) -> None:
        for worker in self.workers:
            worker.stopping.set()
        for worker in self.workers:
            worker.stop()

    @property
    def runs(self) -> list[tuple[str, SweepRun]]:
        return [(worker.name, run) for worker in self.workers for run in worker.runs]


@pytest.fixture
def sweep_workers(process_env: dict[str, str]) -> Iterator[SweepWorkers]:
    workers = SweepWorkers(process_env)
    try:
        yield workers
    finally:
        workers.stop()
