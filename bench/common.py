"""What every benchmark shares: running danvan commands, a granian server, timing HTTP requests."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str], env: Mapping[str, str]) -> float:
    """Run ``danvan <args>``; return the seconds it took."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "danvan.cli", *args], env=dict(env), cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed_requests(
    port: int, paths: list[str], headers: Mapping[str, str] | None = None
) -> tuple[list[float], list[int]]:
    """GET each path on one keep-alive connection; the milliseconds and status of each."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings, statuses = [], []
    for path in paths:
        started = time.perf_counter()
        conn.request("GET", path, headers=dict(headers or {}))
        response = conn.getresponse()
        response.read()
        timings.append((time.perf_counter() - started) * 1000)
        statuses.append(response.status)
    conn.close()
    return timings, statuses


@contextmanager
def granian_server(env: Mapping[str, str], *, workers: int = 2) -> Iterator[int]:
    """danvan on granian (WSGI) on a free loopback port, with the bench URLs; yields the port."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            "1",
            "--log-level",
            "warning",
            "danvan.wsgi:application",
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "bench.settings"},
        cwd=ROOT,
    )
    try:
        for _ in range(300):
            try:
                timed_requests(port, ["/bare/hello"])
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
