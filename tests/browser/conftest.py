"""Browser tests: a real danvan server on a throw-away SQLite database, driven by Playwright in Debian's Chromium.

The server is started the way `make run` does it (migrate, load_units, demo), so
these tests see exactly what an officer sees. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser import demo
from tests.browser.demo import ROOT, server_env

__all__ = ["ROOT", "copy_of_demo", "serve", "server_env"]

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def demo_var_dir() -> str:
    """A var directory made the way `make run` makes it (migrate, load_units, demo), once per session (or once per
    `make test`, beside the lint step: tests/browser/demo.py).

    Not served: each server gets a copy (:func:`copy_of_demo`), so one journey's changes never reach another's."""
    ready = demo.prepared()
    if ready:
        return ready
    var_dir = tempfile.mkdtemp(prefix="danvan-browser-demo-")
    demo.prepare(var_dir)
    return var_dir


def copy_of_demo(demo_var_dir: str, prefix: str) -> str:
    """A fresh copy of the prepared demo (its database and files): seconds, where preparing takes most of a minute."""
    var_dir = tempfile.mkdtemp(prefix=prefix)
    shutil.copytree(demo_var_dir, var_dir, dirs_exist_ok=True)
    return var_dir


@contextmanager
def serve(var_dir: str) -> Iterator[str]:
    """A danvan server (``runserver``) on ``var_dir``'s database, stopped at the end; yields its URL."""
    danvan = [sys.executable, "-m", "danvan.cli"]
    port = _free_port()
    server = subprocess.Popen(
        [*danvan, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=server_env(var_dir),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # Up to a minute: a busy two-core machine (CI beside other work) can take that long to import Django.
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=1)  # noqa: S310 - loopback only
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError(f"the test server did not start on {url}") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def server_url(demo_var_dir: str) -> Iterator[str]:
    with serve(copy_of_demo(demo_var_dir, "danvan-browser-")) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "locale": "vi-VN"}


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
