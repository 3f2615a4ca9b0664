"""What every benchmark shares: running danvan commands, a granian server, timing HTTP requests."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")

# ``make bench-quick`` runs every benchmark with BENCH_SCALE=0.05: each size read through ``scaled`` is a twentieth.
SCALE = float(os.environ.get("BENCH_SCALE", "1"))


@contextmanager
def sqlite_page_cache(cursor: Any, kib: int) -> Iterator[None]:
    """A page cache of ``kib`` KiB for this SQLite connection while a generator writes (SQLite's default, 2 MB,
    makes every index insert of a large table a disk read), then the connection's own setting back — the app's
    64 MiB (settings), not SQLite's default: a generator run in the test process leaves its connection as it was.
    Nothing on PostgreSQL."""
    if cursor.db.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA cache_size")
    before = int(cursor.fetchone()[0])
    cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {before}")


def scaled(env_name: str, default: int, *, minimum: int = 1) -> int:
    """A size: the environment's ``env_name`` when it is set (it wins over the scale), else ``default`` times
    BENCH_SCALE, rounded, at least ``minimum`` (request counts keep enough samples for a p95)."""
    explicit = os.environ.get(env_name)
    if explicit:
        return int(explicit)
    return max(minimum, round(default * SCALE))


def record(
    measure: str,
    *,
    engine: str,
    ours: float,
    reference: float | None,
    unit: str = "ms",
    target_ratio: float | None = None,
    target_max: float | None = None,
    target_min_ratio: float | None = None,
    target_min: float | None = None,
    note: str = "",
) -> None:
    """Append one measure to the JSON-lines file of BENCH_RESULTS (nothing when unset), for the summary table of
    ``scripts/bench-summary.py``: ``ratio`` = ours / reference; ``ok`` = every given target met (ratio ≤
    ``target_ratio``, ours ≤ ``target_max``, ratio ≥ ``target_min_ratio`` and ours ≥ ``target_min`` for
    throughputs, where more is better), None when no target is given."""
    path = os.environ.get("BENCH_RESULTS")
    if not path:
        return
    ratio = ours / reference if reference else None
    checks = []
    if target_ratio is not None:
        checks.append(ratio is not None and ratio <= target_ratio)
    if target_max is not None:
        checks.append(ours <= target_max)
    if target_min_ratio is not None:
        checks.append(ratio is not None and ratio >= target_min_ratio)
    if target_min is not None:
        checks.append(ours >= target_min)
    line = {
        "bench": Path(sys.argv[0]).stem,
        "scale": SCALE,
        "measure": measure,
        "engine": engine,
        "ours": ours,
        "reference": reference,
        "unit": unit,
        "ratio": ratio,
        "target_ratio": target_ratio,
        "target_max": target_max,
        "target_min_ratio": target_min_ratio,
        "target_min": target_min,
        "ok": all(checks) if checks else None,
        "note": note,
    }
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def hand_subtree(paths: tuple[str, ...], column: str = "unit_path") -> tuple[str, list[str]]:
    """A unit subtree in hand-written SQL: ``column`` starts with one of ``paths``, as a prefix LIKE and, on
    SQLite, the same prefix as a range — the form SQLite answers from the path index (its LIKE is case-insensitive,
    so it never uses one: the case statistics' hand SQL took 346 ms at 1M cases without it)."""
    from django.db import connection

    clauses, params = [], []
    for path in paths:
        if connection.vendor == "sqlite":
            clauses.append(f"({column} LIKE %s AND {column} >= %s AND {column} < %s)")
            params += [f"{path}%", path, path[:-1] + chr(ord(path[-1]) + 1)]
        else:
            clauses.append(f"{column} LIKE %s")
            params.append(f"{path}%")
    return "(" + " OR ".join(clauses) + ")", params


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
def granian_server(env: Mapping[str, str], *, workers: int = 2, settings: str = "bench.settings") -> Iterator[int]:
    """danvan on granian (WSGI) on a free loopback port, with the bench URLs (``settings``: a bench settings
    module with other bare views); yields the port."""
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
        env={**env, "DJANGO_SETTINGS_MODULE": settings},
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


def setup_key(units: bool) -> str:
    """What a prepared database depends on, hashed: every migration file (name and content) of danvan and the apps'
    post_migrate handlers, the unit loader and its data files, the settings, and every installed distribution's version (third-party migrations).
    A changed migration set gives another key, so a stale template is never reused."""
    import hashlib
    import importlib.metadata
    import importlib.util

    digest = hashlib.sha256(b"units" if units else b"bare")
    files = sorted(ROOT.glob("danvan/**/migrations/*.py"))
    files += sorted(ROOT.glob("danvan/*/apps.py"))  # what their post_migrate handlers write (the sweep's baseline)
    files += [ROOT / "danvan/core/unit_loader.py", ROOT / "danvan/settings.py", ROOT / "bench/settings.py"]
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    spec = importlib.util.find_spec("vietnamadminunits")  # the unit data (danvan.core.unit_loader.package_data_dir)
    for location in (spec.submodule_search_locations or []) if spec else []:
        for path in sorted(Path(location).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path.relative_to(location)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    dists = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(dists).encode())
    return digest.hexdigest()[:16]


def prepare_database(env: dict[str, str], *, units: bool = True) -> float:
    """Make the database of ``env`` (the SQLite file of ``DANVAN_VAR_DIR``, or the PostgreSQL database of
    ``DANVAN_DATABASE_URL``) migrated and, with ``units``, holding the real unit tree; the seconds it took.

    Alone, a bench runs ``migrate`` and ``load_units`` (about 25 s on a loaded 2-core machine). Under
    ``scripts/bench.sh`` (BENCH_TEMPLATES set to a directory) the work is done once per engine and setup key
    (``setup_key``) and every bench gets a copy: on SQLite a template file kept in BENCH_TEMPLATES and copied into
    the var dir; on PostgreSQL a template database on bench.sh's one server (``CREATE DATABASE … TEMPLATE``)."""
    started = time.perf_counter()
    templates = os.environ.get("BENCH_TEMPLATES")
    url = env.get("DANVAN_DATABASE_URL", "")
    if not templates:
        run(["migrate", "--no-input", "-v", "0"], env)
        if units:
            run(["load_units"], env)
    elif url.startswith("postgres"):
        _prepare_postgres(env, url, units)
    else:
        _prepare_sqlite(env, Path(templates), units)
    return time.perf_counter() - started


def _prepare_sqlite(env: dict[str, str], templates: Path, units: bool) -> None:
    import shutil
    import sqlite3
    import tempfile

    key = setup_key(units)
    template = templates / f"sqlite-{'units' if units else 'bare'}-{key}.sqlite3"
    if not template.exists():
        templates.mkdir(parents=True, exist_ok=True)
        build_dir = tempfile.mkdtemp(prefix="danvan-bench-template-", dir=templates)
        build_env = {**env, "DANVAN_VAR_DIR": build_dir}
        if units:  # the migrated template, then the unit tree
            _prepare_sqlite(build_env, templates, False)
            run(["load_units"], build_env)
        else:
            run(["migrate", "--no-input", "-v", "0"], build_env)
        built = Path(build_dir) / "danvan.sqlite3"
        with sqlite3.connect(built) as db:  # everything in the main file: the copy needs no -wal beside it
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for old in templates.glob(f"sqlite-{'units' if units else 'bare'}-*.sqlite3"):
            old.unlink(missing_ok=True)  # an older setup key's template
        os.replace(built, template)
        shutil.rmtree(build_dir, ignore_errors=True)
    target = Path(env["DANVAN_VAR_DIR"]) / "danvan.sqlite3"
    for stale in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(template, target)


def _prepare_postgres(env: dict[str, str], url: str, units: bool) -> None:
    import urllib.parse

    import psycopg

    parts = urllib.parse.urlsplit(url)
    target = parts.path.lstrip("/")
    template = f"bench_template_{'units' if units else 'bare'}_{setup_key(units)}"

    def url_of(database: str) -> str:
        return urllib.parse.urlunsplit(parts._replace(path=f"/{database}"))

    # The run's server is new each time; the template outlives it as a dump beside the SQLite templates (same key):
    # a restore takes seconds where migrate and load_units take half a minute.
    dump = Path(os.environ["BENCH_TEMPLATES"]) / f"pg-{'units' if units else 'bare'}-{setup_key(units)}.dump"
    programs = Path(os.environ.get("DANVAN_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
    with psycopg.connect(url_of("postgres"), autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        if not exists:
            building = f"{template}_building"
            build_env = {**env, "DANVAN_DATABASE_URL": url_of(building)}
            if dump.exists():
                admin.execute(f'DROP DATABASE IF EXISTS "{building}"')
                admin.execute(f'CREATE DATABASE "{building}"')
                subprocess.run(
                    [programs / "pg_restore", "--no-owner", "--dbname", url_of(building), str(dump)], check=True
                )
            else:
                if units:  # a copy of the migrated template, then the unit tree
                    _prepare_postgres(build_env, url_of(building), False)
                    run(["load_units"], build_env)
                else:
                    admin.execute(f'DROP DATABASE IF EXISTS "{building}"')
                    admin.execute(f'CREATE DATABASE "{building}"')
                    run(["migrate", "--no-input", "-v", "0"], build_env)
                for old in dump.parent.glob(f"pg-{'units' if units else 'bare'}-*.dump"):
                    old.unlink(missing_ok=True)  # an older setup key's dump
                written = dump.with_suffix(".part")
                subprocess.run(
                    [programs / "pg_dump", "--format=custom", "--file", str(written), url_of(building)], check=True
                )
                os.replace(written, dump)
            with psycopg.connect(url_of(building), autocommit=True) as built:
                built.execute("ANALYZE")  # restored or built, the template's copies start with the same statistics
            admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
            admin.execute(f'ALTER DATABASE "{template}" IS_TEMPLATE true')
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{template}"')


def prepared_django() -> tuple[dict[str, str], str]:
    """A throw-away database (a fresh var dir, or the PostgreSQL of ``DANVAN_DATABASE_URL``), migrated, with the
    real unit tree loaded, and Django set up with the bench settings; the environment (for a server) and the
    engine's name."""
    import tempfile

    env = {
        **os.environ,
        "DANVAN_VAR_DIR": tempfile.mkdtemp(prefix="danvan-bench-"),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PYTHONPATH": str(ROOT),
    }
    engine = "PostgreSQL" if env.get("DANVAN_DATABASE_URL", "").startswith("postgres") else "SQLite"
    prepare_database(env)
    os.environ.update(env)
    import django

    django.setup()
    return env, engine


def api_officer(organization: Any, role: str) -> str:
    """An officer of ``organization`` with ``role``, a confirmed TOTP device and an API token; the token's secret
    (for ``Authorization: Bearer``)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.accounts.services import api_token_create, membership_grant, officer_create

    officer = officer_create(actor=None, username="bench", full_name="Bench", password=None, check_password=False)
    membership_grant(actor=None, officer=officer, organization=organization, role=role)
    TOTPDevice.objects.create(user=officer, name="bench", confirmed=True)
    _token, secret = api_token_create(actor=None, officer=officer, name="bench")
    return str(secret)


def timed(fn: Callable[[], object], times: int) -> list[float]:
    """The milliseconds of ``times`` calls of ``fn``."""
    timings = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def timed_each(fn: Callable[[T], object], items: Sequence[T], *, warm_up: int = 20) -> list[float]:
    """The milliseconds of ``fn(item)`` for each of ``items``, after ``fn`` ran on the first ``warm_up`` of them
    unmeasured (a list's filters given in process, as the API would take them)."""
    for item in items[:warm_up]:
        fn(item)
    timings = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def timed_pair(
    ours: Callable[[], object], reference: Callable[[], object], times: int
) -> tuple[list[float], list[float]]:
    """The milliseconds of ``times`` calls of ``ours`` and of ``reference``, taken in turns (ours, reference, ours…):
    a ratio of the two then compares calls made under the same load, where two blocks one after the other could
    meet a busy machine in one block and a quiet one in the other."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(times):
        mine.extend(timed(ours, 1))
        theirs.extend(timed(reference, 1))
    return mine, theirs
