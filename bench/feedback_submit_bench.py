"""Benchmark: sustained citizen-feedback submissions over HTTP (issue 13: ≥ 200 per second on PostgreSQL for 60 s,
every accepted submission stored once; the SQLite figure reported). One run on one engine (``make bench`` runs
SQLite, then PostgreSQL).

The path is the one a high-volume client uses: Open311 ``POST /open311/v2/requests.json`` with an ``api_key`` and an
``Idempotency-Key`` header, as a city app relaying its users' reports would send them. Each request goes through
everything a real one does: the key check and its hourly rate limit, the category, description, commune and pin
checks (the point must lie in the named commune), the case (``case_receive_public``: numbering lock, case, its
transition and audit), the report, its first timeline entry and its audit entry, all in one transaction.

Nothing is relaxed or bypassed. The API key is issued by ``open311.services.key_issue`` at 100,000 requests per hour,
the most an administrator may grant (``requests_per_hour`` 1–100,000), so its rate limit (one counter in the shared
cache for every request) stays in the path and is never reached in a 60 s run. The citizen portal's public API
(``/api/v1/feedback/public/reports``) is not the path measured: it asks a proof of work per report and limits each IP
address, on purpose, so one client address cannot sustain 200 a second there. Photos: none (a JSON/form-only
client; uploads are measured by ``storage_bench``).

Server: granian, 2 workers (``common.granian_server``, with ``bench.feedback_settings`` for the bare view). Load: wrk,
1 thread, ``BENCH_SUBMIT_CONNECTIONS`` (8) connections, for ``BENCH_SUBMIT_SECONDS`` (60; at least 5), with a Lua
script that makes each request unique (its own idempotency key and description; a commune of province 66 among the
first ``COMMUNES`` whose centre is their own nearest, and a pin within 0.002° of that centre, named by its
``address_id``; every active category in turn; a name and phone when the category needs them, and on every third
request). Then:

- reconciliation: every 2xx answer's ``service_request_id`` must be a stored report; the requests still in flight
  when wrk stopped (it never reads their answers) are retried with the same key and body, as a client does, and must
  answer 200; then keys sent = reports stored = cases = audit entries ``feedback.report.submitted``, and no key twice;
- replay: a second wrk pass of ``BENCH_SUBMIT_REPLAY_SECONDS`` (5) re-sends already-sent keys with their bodies:
  every answer must be 2xx with a stored code and no report may be added; one key re-sent with another body must be
  refused (400);
- a bare Django view (``bench.feedback_urls.bare_feedback_submit``: read the form, one INSERT, no checks) under the
  same wrk load for ``BENCH_SUBMIT_BARE_SECONDS`` (15), for the ratio ours/bare.

Prints submissions per second (2xx answers over wrk's duration) and records it [target ≥ 200/s], and the CPU one
accepted submission costs during the load pass (granian workers and, on PostgreSQL, the database server, read from
/proc): a figure that holds whatever else runs on the machine, and the cores 200/s needs. Exits non-zero, with the
reason, when any check fails or a submission was answered with anything but 2xx.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import granian_server, prepared_django, record, scaled  # noqa: E402

SECONDS = scaled("BENCH_SUBMIT_SECONDS", 60, minimum=5)
REPLAY_SECONDS = scaled("BENCH_SUBMIT_REPLAY_SECONDS", 5, minimum=3)
BARE_SECONDS = scaled("BENCH_SUBMIT_BARE_SECONDS", 15, minimum=5)
CONNECTIONS = int(os.environ.get("BENCH_SUBMIT_CONNECTIONS", "8"))
TARGET = 200.0  # submissions per second (issue 13)
PROVINCE = "66"
COMMUNES = 40
APP_NAME = "Bench city app"
PATH = "/open311/v2/requests.json"
BARE_PATH = "/bare/feedback-submit"
TEXTS = (
    "Đường ngập sâu sau mưa lớn, xe máy chết máy giữa đường",
    "Rác thải tồn đọng nhiều ngày cạnh chợ, bốc mùi hôi",
    "Đèn đường hỏng cả đoạn, buổi tối rất tối và nguy hiểm",
    "Ổ gà lớn trên mặt đường bê tông trước cổng trường",
    "Cây xanh nghiêng có nguy cơ đổ vào nhà dân",
    "Cống thoát nước bị tắc, nước thải tràn ra đường",
)
FIRST_NAME, LAST_NAME = "An", "Nguyễn Văn"

# The Lua side: ``body_for`` and ``form_for`` below must build the same fields from (thread, sequence number).
LUA = r"""
OUT = "{out}"
PATH = "{path}"
API_KEY = "{api_key}"
communes = {{ {communes} }}
categories = {{ {categories} }}
texts = {{ {texts} }}
FIRST, LAST = "{first}", "{last}"
local threads = {{}}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  prefix = args[1]
  mode = args[2]
  limit = tonumber(args[3]) or 0
  n = 0
  statuses = {{}}
  codes = {{}}
  math.randomseed(7 + tid)
end

local function micro(m)
  return string.format("%d.%06d", math.floor(m / 1000000), m % 1000000)
end

function request()
  local seq
  if mode == "replay" then
    seq = math.random(limit)
  else
    n = n + 1
    seq = n
  end
  local key = prefix .. "-" .. tid .. "-" .. seq
  local commune = communes[(seq * 7 + tid) % #communes + 1]
  local category = categories[seq % #categories + 1]
  local lat = commune[2] + ((seq * 37) % 41 - 20) * 100
  local lng = commune[3] + ((seq * 53) % 41 - 20) * 100
  local body = "api_key=" .. API_KEY .. "&service_code=" .. category[1] .. "&address_id=" .. commune[1]
    .. "&lat=" .. micro(lat) .. "&long=" .. micro(lng)
    .. "&description=" .. texts[seq % #texts + 1] .. "+%28" .. key .. "%29"
  if category[2] == 0 or seq % 3 == 0 then
    body = body .. "&first_name=" .. FIRST .. "&last_name=" .. LAST .. "&phone=09" .. string.format("%08d", seq % 100000000)
  end
  return wrk.format("POST", PATH, {{["Content-Type"] = "application/x-www-form-urlencoded",
    ["Idempotency-Key"] = key}}, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status >= 200 and status < 300 then
    local code = string.match(body, '"service_request_id":"([^"]+)"')
    if code then codes[#codes + 1] = code end
  end
end

function done(summary, latency, requests)
  local f = io.open(OUT, "w")
  f:write("duration_us ", summary.duration, "\n")
  f:write("latency_p50_us ", latency:percentile(50), "\n")
  f:write("latency_p95_us ", latency:percentile(95), "\n")
  f:write("errors ", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, "\n")
  for i, t in ipairs(threads) do
    f:write("sent ", t:get("tid"), " ", t:get("n"), "\n")
    for status, count in pairs(t:get("statuses")) do f:write("status ", status, " ", count, "\n") end
    for _, code in ipairs(t:get("codes")) do f:write("code ", code, "\n") end
  end
  f:close()
end
"""


@dataclass
class Pass:
    """What one wrk pass saw: its duration, the keys it sent per thread, the status counts, the 2xx codes."""

    seconds: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    socket_errors: int = 0
    sent: dict[int, int] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return sum(count for status, count in self.statuses.items() if 200 <= status < 300)

    @property
    def refused(self) -> dict[int, int]:
        return {status: count for status, count in self.statuses.items() if not 200 <= status < 300}


def _micro(value: Any) -> int:
    return round(float(value) * 1_000_000)


def _text_micro(m: int) -> str:
    return f"{m // 1_000_000}.{m % 1_000_000:06d}"


def form_for(
    tid: int,
    seq: int,
    prefix: str,
    api_key: str,
    communes: list[tuple[str, int, int]],
    categories: list[tuple[str, int]],
) -> tuple[str, dict[str, str]]:
    """The idempotency key and form of request ``seq`` of wrk thread ``tid`` (what the Lua ``request`` sends)."""
    key = f"{prefix}-{tid}-{seq}"
    code, lat, lng = communes[(seq * 7 + tid) % len(communes)]
    category, anonymous = categories[seq % len(categories)]
    form = {
        "api_key": api_key,
        "service_code": category,
        "address_id": code,
        "lat": _text_micro(lat + ((seq * 37) % 41 - 20) * 100),
        "long": _text_micro(lng + ((seq * 53) % 41 - 20) * 100),
        "description": f"{TEXTS[seq % len(TEXTS)]} ({key})",
    }
    if anonymous == 0 or seq % 3 == 0:
        form.update(first_name=FIRST_NAME, last_name=LAST_NAME, phone=f"09{seq % 100_000_000:08d}")
    return key, form


def lua_script(
    out: Path, path: str, api_key: str, communes: list[tuple[str, int, int]], categories: list[tuple[str, int]]
) -> Path:
    quote = urllib.parse.quote_plus
    text = LUA.format(
        out=out,
        path=path,
        api_key=quote(api_key),
        communes=", ".join(f'{{"{code}", {lat}, {lng}}}' for code, lat, lng in communes),
        categories=", ".join(f'{{"{quote(code)}", {anonymous}}}' for code, anonymous in categories),
        texts=", ".join(f'"{quote(text)}"' for text in TEXTS),
        first=quote(FIRST_NAME),
        last=quote(LAST_NAME),
    )
    script = out.with_suffix(".lua")
    script.write_text(text, encoding="utf-8")
    return script


def wrk_pass(port: int, script: Path, seconds: int, *args: str) -> Pass:
    """Run wrk with ``script`` for ``seconds``; what its ``done`` wrote."""
    subprocess.run(
        ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script),
         f"http://127.0.0.1:{port}", "--", *args],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    seen = Pass()
    out = script.with_suffix(".txt")
    for line in out.read_text(encoding="utf-8").splitlines():
        name, *values = line.split()
        if name == "duration_us":
            seen.seconds = int(float(values[0])) / 1e6
        elif name == "latency_p50_us":
            seen.p50_ms = float(values[0]) / 1000
        elif name == "latency_p95_us":
            seen.p95_ms = float(values[0]) / 1000
        elif name == "errors":
            seen.socket_errors = int(float(values[0]))
        elif name == "sent":
            seen.sent[int(values[0])] = int(float(values[1]))
        elif name == "status":
            status = int(float(values[0]))
            seen.statuses[status] = seen.statuses.get(status, 0) + int(float(values[1]))
        elif name == "code":
            seen.codes.append(values[0])
    return seen


def post(port: int, form: dict[str, str], key: str) -> tuple[int, str | None]:
    """One POST of ``form`` with ``key``; its status and ``service_request_id``."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        body = urllib.parse.urlencode(form)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": key}
        conn.request("POST", PATH, body=body, headers=headers)
        response = conn.getresponse()
        data = json.loads(response.read() or b"null")
    finally:
        conn.close()
    code = data[0].get("service_request_id") if isinstance(data, list) and data and isinstance(data[0], dict) else None
    return response.status, code


def stored_key(api_key_pk: int, header: str) -> str:
    """How ``open311.services.request_submit`` stores an ``Idempotency-Key`` of this API key."""
    return hashlib.sha256(f"open311:{api_key_pk}:key:{header}".encode()).hexdigest()


def bench_communes() -> list[tuple[str, int, int]]:
    """The first ``COMMUNES`` current communes of the province (by path) that have a centre and are their own
    nearest commune there (so a pin near the centre passes the pin check): (code, lat µ°, lng µ°)."""
    from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
    from danvan.feedback import geo

    chosen = []
    units = AdministrativeUnit.objects.filter(
        tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE, province_code=PROVINCE, latitude__isnull=False
    ).order_by("path")
    for unit in units:
        nearest = geo.nearest_commune(float(unit.latitude), float(unit.longitude))  # type: ignore[arg-type]
        if nearest is not None and nearest.pk == unit.pk:
            chosen.append((unit.code, _micro(unit.latitude), _micro(unit.longitude)))
        if len(chosen) == COMMUNES:
            break
    return chosen


def bench_categories() -> list[tuple[str, int]]:
    """Every active category with no required Open311 attribute: (code, 1 when it allows anonymous reports)."""
    from danvan.feedback.models import Category
    from danvan.open311.models import ServiceAttribute

    asking = set(ServiceAttribute.objects.filter(is_active=True, required=True).values_list("category_id", flat=True))
    return [
        (category.code, int(category.allows_anonymous))
        for category in Category.objects.active().order_by("code")
        if category.pk not in asking
    ]


def cpu_seconds() -> dict[str, float] | None:
    """CPU seconds used so far by this bench's processes (granian and its workers; wrk apart) and by the
    PostgreSQL server of ``DANVAN_DATABASE_URL`` when it runs here (its postmaster named by ``-p <port>``), read
    from /proc; None where there is no /proc. The difference over the load pass, per submission, is what one
    submission costs the machine whatever else runs on it."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return None
    tick = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, float, str]] = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        # utime + stime, and cutime + cstime: the CPU of the children it waited for (a database backend that
        # ended when its connection reached its age is counted in the postmaster's)
        table[int(entry.name)] = (int(fields[1]), sum(int(value) for value in fields[11:15]) / tick, command)

    def descendants(root: int) -> set[int]:
        found: set[int] = set()
        todo = [root]
        while todo:
            parent = todo.pop()
            children = {pid for pid, (ppid, _cpu, _cmd) in table.items() if ppid == parent} - found
            found |= children
            todo.extend(children)
        return found

    used = {"app": 0.0, "database": 0.0}
    for pid in descendants(os.getpid()):
        if Path(table[pid][2].split(" ")[0]).name != "wrk":
            used["app"] += table[pid][1]
    port = urllib.parse.urlsplit(os.environ.get("DANVAN_DATABASE_URL", "")).port
    if port:
        for master in [pid for pid, (_p, _c, cmd) in table.items() if "postgres" in cmd and f"-p {port} " in cmd]:
            used["database"] += sum(table[pid][1] for pid in descendants(master) | {master})
    return used


def main() -> None:
    if shutil.which("wrk") is None:
        print("feedback submit bench: wrk is not installed (skipped)")
        return
    env, engine = prepared_django()
    from django.db import connection

    from bench.feedback_urls import BARE_SUBMISSION_TABLE, bare_submission_table_create
    from danvan.accounts.services import officer_create
    from danvan.cases.models import Case
    from danvan.core.models import AuditEntry
    from danvan.feedback.models import Report, ReportChannel
    from danvan.open311.services import key_issue

    officer = officer_create(actor=None, username="bench", full_name="Bench", password=None, check_password=False)
    issued = key_issue(actor=officer, name=APP_NAME, contact="bench@example.org", requests_per_hour=100_000)
    communes, categories = bench_communes(), bench_categories()
    assert communes and categories, (communes, categories)
    bare_submission_table_create()
    connection.close()
    work = Path(tempfile.mkdtemp(prefix="danvan-submit-bench-"))
    main_script = lua_script(work / "main.txt", PATH, issued.secret, communes, categories)
    replay_script = lua_script(work / "replay.txt", PATH, issued.secret, communes, categories)
    bare_script = lua_script(work / "bare.txt", BARE_PATH, issued.secret, communes, categories)
    prefix = "s"
    failures: list[str] = []

    def mine() -> Any:
        return Report.objects.filter(channel=ReportChannel.OPEN311, client_name=APP_NAME)

    print(
        f"== feedback submission benchmark ({engine}, Open311 POST with api_key and Idempotency-Key, granian 2 "
        f"workers, wrk 1 thread {CONNECTIONS} connections, {SECONDS} s; {len(communes)} communes of province "
        f"{PROVINCE}, {len(categories)} categories)"
    )
    with granian_server(env, settings="bench.feedback_settings") as port:
        # Warm both workers on the real path (these reports are counted with the rest).
        warm = [form_for(0, seq, prefix, issued.secret, communes, categories) for seq in range(1, 21)]
        warm_codes = []
        for key, form in warm:
            status, code = post(port, form, key)
            if status != 200 or code is None:
                sys.exit(f"feedback submit bench: the warm-up POST answered {status} (expected 200)")
            warm_codes.append(code)
        cpu_before = cpu_seconds()
        main = wrk_pass(port, main_script, SECONDS, prefix, "new")
        cpu_after = cpu_seconds()
        rate = main.accepted / main.seconds

        # Reconcile: every 2xx answer stored; the requests in flight when wrk stopped retried as a client does.
        sent = dict(
            warm
            + [
                form_for(tid, seq, prefix, issued.secret, communes, categories)
                for tid, count in main.sent.items()
                for seq in range(1, count + 1)
            ]
        )
        by_hash = {stored_key(issued.key.pk, key): key for key in sent}
        rows = list(mine().values_list("code", "submission_key"))
        stored_codes = {code for code, _key in rows}
        stored_hashes = {submission for _code, submission in rows}
        acked = set(main.codes) | set(warm_codes)
        missing = [code for code in main.codes if code not in stored_codes]
        if missing:
            failures.append(f"{len(missing)} accepted submissions (2xx) are not stored, e.g. {missing[:3]}")
        if len(acked) != len(main.codes) + len(warm_codes):
            failures.append(f"{len(main.codes) + len(warm_codes) - len(acked)} codes were answered for two requests")
        foreign = [code for code, submission in rows if submission not in by_hash]
        if foreign:
            failures.append(f"{len(foreign)} stored reports have a key that was never sent, e.g. {foreign[:3]}")
        key_of_code = {code: by_hash.get(submission) for code, submission in rows}
        answered_keys = {key_of_code[code] for code in acked if code in key_of_code}
        unanswered = [key for key in sent if key not in answered_keys]
        in_flight_stored = sum(1 for key in unanswered if stored_key(issued.key.pk, key) in stored_hashes)
        retried_codes = []
        for key in unanswered:
            status, code = post(port, sent[key], key)
            if status != 200 or code is None:
                failures.append(f"the retry of {key} answered {status}")
            else:
                retried_codes.append(code)

        # Replay: already-sent keys again, with their bodies; nothing may be stored twice.
        before = mine().count()
        limit = min(main.sent.values()) if main.sent else 0
        replay = wrk_pass(port, replay_script, REPLAY_SECONDS, prefix, "replay", str(max(limit, 1)))
        after = mine().count()
        replay_distinct = len(set(replay.codes))
        if replay.refused:
            failures.append(f"replayed keys were answered {replay.refused} (expected 2xx)")
        if after != before:
            failures.append(f"the replay stored {after - before} reports (expected none)")
        known = set(mine().values_list("code", flat=True))
        replay_unknown = [code for code in replay.codes if code not in known]
        if replay_unknown:
            failures.append(f"the replay answered {len(replay_unknown)} codes that are not stored")
        first_key, first_form = warm[0]
        status, _code = post(port, {**first_form, "description": first_form["description"] + " (khác)"}, first_key)
        if status != 400 or mine().count() != after:
            failures.append(f"a used key with another body answered {status} (expected 400, nothing stored)")

        # The bare view under the same load.
        bare = wrk_pass(port, bare_script, BARE_SECONDS, "b", "new")
    bare_rate = bare.accepted / bare.seconds

    reports = mine()
    stored = reports.count()
    distinct_keys = reports.values("submission_key").distinct().count()
    cases = Case.objects.filter(pk__in=reports.values("case_id")).count()
    audited = AuditEntry.objects.filter(
        action="feedback.report.submitted", object_id__in=[str(pk) for pk in reports.values_list("pk", flat=True)]
    ).count()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {BARE_SUBMISSION_TABLE}")
        bare_stored = int(cursor.fetchone()[0])
    accepted_total = len(acked) + len(retried_codes)
    if not stored == distinct_keys == len(sent) == accepted_total == cases == audited:
        failures.append(
            f"count in != count stored: {len(sent):,} keys sent, {accepted_total:,} accepted (2xx), {stored:,} reports "
            f"stored with {distinct_keys:,} distinct keys, {cases:,} cases, {audited:,} audit entries"
        )
    if main.refused:
        failures.append(f"the load answered {main.refused} besides 2xx (status: count)")
    if main.socket_errors:
        failures.append(f"wrk counted {main.socket_errors} socket errors or time-outs")

    print(
        f"POST {PATH}: {main.accepted:,} accepted (2xx) in {main.seconds:.1f} s -> {rate:,.1f} submissions/s "
        f"[target >= {TARGET:.0f}/s]; latency p50 {main.p50_ms:.1f} ms, p95 {main.p95_ms:.1f} ms; statuses "
        f"{dict(sorted(main.statuses.items()))}"
    )
    print(
        f"stored: {len(sent):,} keys sent (20 warm-up + {sum(main.sent.values()):,} by wrk) -> {stored:,} reports "
        f"({distinct_keys:,} distinct keys), {cases:,} cases, {audited:,} audit entries; {len(unanswered)} in "
        f"flight when wrk stopped ({in_flight_stored} already stored) retried -> {len(retried_codes)} answered 200"
    )
    print(
        f"replay: {replay.accepted + sum(replay.refused.values()):,} requests re-sending {replay_distinct:,} "
        f"distinct used keys in {replay.seconds:.1f} s ({replay.accepted / replay.seconds:,.0f}/s), statuses "
        f"{dict(sorted(replay.statuses.items()))}; reports before {before:,}, after {after:,}; a used key with "
        f"another body -> {status}"
    )
    print(
        f"bare view (one INSERT per POST): {bare.accepted:,} in {bare.seconds:.1f} s -> {bare_rate:,.1f}/s, "
        f"p50 {bare.p50_ms:.1f} ms ({bare_stored:,} rows); ours/bare = {rate / bare_rate:.2f}x"
    )
    if cpu_before is not None and cpu_after is not None and main.accepted:
        app, database = ((cpu_after[part] - cpu_before[part]) * 1000 / main.accepted for part in ("app", "database"))
        print(
            f"CPU per accepted submission: app (granian workers) {app:.1f} ms + database server {database:.1f} ms "
            f"= {app + database:.1f} ms -> {TARGET:.0f}/s needs {(app + database) * TARGET / 1000:.1f} cores; "
            f"the load pass used {(app + database) * main.accepted / 1000 / main.seconds:.2f} of the machine's "
            f"{os.cpu_count()} cores"
        )
        record(
            "feedback submission CPU (app + database) per submission", engine=engine, ours=app + database,
            reference=None, note=f"app {app:.1f} ms, database {database:.1f} ms; {TARGET:.0f}/s needs "
            f"{(app + database) * TARGET / 1000:.1f} cores",
        )  # fmt: skip
    record(
        "feedback sustained submissions per second",
        engine=engine,
        ours=rate,
        reference=bare_rate,
        unit="req/s",
        target_min=TARGET,
        note=f"Open311 POST, {SECONDS} s, reference a bare INSERT view; {stored:,} stored = {accepted_total:,} accepted"
        + ("" if not failures else "; FAILED"),
    )
    connection.close()
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(env["DANVAN_VAR_DIR"], ignore_errors=True)
    if failures:
        print("FAILED:\n- " + "\n- ".join(failures))
        sys.exit(1)
    print("ok: count in = count stored, none twice; replays stored nothing")


if __name__ == "__main__":
    main()
