"""Generate citizen reports for the feedback benchmark: N reports (``BENCH_FEEDBACK_REPORTS``, 1,000,000 — the
issue's scale — times BENCH_SCALE) over every current commune of the real unit tree.

Bulk, not the service, and inside the database: one ``INSERT … SELECT`` writes the cases (kind feedback, as
``case_receive_public`` makes them) and one their reports, over ``generate_series`` on PostgreSQL and a table of
integers on SQLite, in one transaction. Received between 01/07/2025 and the bench day, 7:00–21:00; a point near the
commune's centre for 85 % of them (grid cell set as intake does); 10 % new, 15 % accepted (some of them past due),
50 % answered (three in four on time; 40 % of the answers rated, most 4–5 and then closed), 15 % closed without
rating, 7 % refused, 3 % merged. What varies is arithmetic on the row's number (a multiplicative hash per draw), so
a run is repeatable; ``seed`` gives another.

Call ``generate(count)`` after ``django.setup()`` on a migrated database with the units loaded.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import partial
from typing import Any

from bench.common import scaled, sqlite_page_cache

REPORTS = scaled("BENCH_FEEDBACK_REPORTS", 1_000_000)
FIRST_DAY = dt.date(2025, 7, 1)
TODAY = dt.date(2026, 12, 3)
TEXTS = (
    "Đường ngập sâu sau mưa lớn, xe máy chết máy giữa đường",
    "Rác thải tồn đọng nhiều ngày cạnh chợ, bốc mùi hôi",
    "Đèn đường hỏng cả đoạn, buổi tối rất tối và nguy hiểm",
    "Ổ gà lớn trên mặt đường bê tông trước cổng trường",
    "Cây xanh nghiêng có nguy cơ đổ vào nhà dân",
    "Lấn chiếm vỉa hè để buôn bán, người đi bộ phải xuống lòng đường",
    "Tiếng ồn karaoke sau 22 giờ ảnh hưởng khu dân cư",
    "Cống thoát nước bị tắc, nước thải tràn ra đường",
)


def _communes(province: str | None = None) -> list[dict[str, Any]]:
    """Every current commune (of ``province`` when given) with its People's Committee (the default handler)."""
    from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree

    communes: list[dict[str, Any]] = [
        dict(row)
        for row in AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE)
        .filter(**({"province_code": province} if province else {}))
        .order_by("path")
        .values("id", "code", "path", "province_code", "latitude", "longitude")
    ]
    committees = dict(
        Organization.objects.filter(unit__in=[c["id"] for c in communes], kind__code="peoples_committee")
        .order_by("-pk")
        .values_list("unit_id", "pk")
    )
    for commune in communes:
        commune["organization"] = committees.get(commune["id"])
    return communes


def _hash_of(salt: int, seed: int, bits: int = 16) -> str:
    """SQL of a pseudo-random integer in [0, 2**bits) for the row ``x.n`` (Knuth's multiplicative hash with the
    multiplier ``MULTIPLIERS[salt]``, its high bits): each salt gives an unrelated draw of the same row, each seed
    another run."""
    return f"((((x.n + {seed + 1}) * {MULTIPLIERS[salt]}) %% 4294967296) / {2 ** (32 - bits)})"


MULTIPLIERS = (2654435761, 2246822519, 3266489917, 668265263, 374761393, 2869860233, 3432918353, 461845907,
               2654435769, 1597334677, 3812015801)  # fmt: skip


def _defaults(model: Any, written: set[str]) -> tuple[list[str], list[Any]]:
    """The columns of ``model`` the generator does not write, and their Python defaults as database values (what
    ``Model()`` would store), so a column added later with a default needs no change here."""
    from django.db import connection

    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.column in written:
            continue
        value = field.get_default()
        columns.append(field.column)
        values.append(field.get_db_prep_save(value, connection))
    return columns, values


def generate(count: int = REPORTS, *, seed: int = 2026, province: str | None = None) -> dict[str, Any]:
    """``count`` reports and their cases (over the communes of ``province`` when given), written by the database
    itself: one ``INSERT … SELECT`` for the cases and one for the reports, over a table of the communes and one of
    the categories; what varies is arithmetic on the row's number (``_hash``), so a run is repeatable. The count,
    the communes and the seconds taken."""
    from django.db import connection, transaction
    from django.utils import timezone

    from bench.democracy_generator import _after_bulk, _next_id, _no_foreign_key_checks, _pad, _pick, _temp_table
    from danvan.cases.models import Case, CaseKind, CaseStatus, Channel
    from danvan.feedback import geo
    from danvan.feedback.models import Category, Report, ReportChannel, ReportState, Timeliness

    started = time.perf_counter()
    vendor = connection.vendor
    _hash = partial(_hash_of, seed=seed)
    communes = _communes(province)
    categories = list(Category.objects.order_by("pk").values("pk", "answer_days", "case_field_id", "name"))
    channels = (ReportChannel.WEB,) * 6 + (ReportChannel.OPEN311,) * 3 + (ReportChannel.API,)
    days = (TODAY - FIRST_DAY).days
    zone = timezone.get_current_timezone()
    first_instant = dt.datetime.combine(FIRST_DAY, dt.time(0), zone)  # local midnight of the first day
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    cases_table, reports_table = Case._meta.db_table, Report._meta.db_table
    cells = geo._CELLS_PER_DEGREE
    row_width = geo._ROW

    def instant(seconds: str) -> str:
        """SQL of the instant ``seconds`` after local midnight of the first day (stored as Django stores it)."""
        if vendor == "postgresql":
            return f"(%s::timestamptz + ({seconds}) * interval '1 second')"
        return f"datetime(%s, '+' || ({seconds}) || ' seconds')"

    def day(days_after: str) -> str:
        if vendor == "postgresql":
            return f"(%s::date + ({days_after})::int)"
        return f"date(%s, '+' || ({days_after}) || ' days')"

    def floor(value: str) -> str:  # coordinates in Vietnam are positive, so a cast is the floor
        return f"CAST(({value}) AS BIGINT)" if vendor == "sqlite" else f"CAST(floor({value}) AS BIGINT)"

    first = connection.ops.adapt_datetimefield_value(first_instant)
    first_day = FIRST_DAY.isoformat()
    # Per row: the commune (a stride prime to the count: every commune, scattered), the category, the day and
    # minute received (7:00–21:00 local), the outcome draw (0–99), the hours to the answer, and the point.
    received_secs = f"(({_hash(0)} %% {days}) * 86400 + (420 + {_hash(1)} %% 840) * 60)"
    draw = f"({_hash(2)} %% 100)"
    answer_hours = f"(1 + {_hash(3)} %% 399)"
    answered_secs = (
        f"(CASE WHEN {received_secs} + {answer_hours} * 3600 >= {days + 1} * 86400 THEN {received_secs} + 3600 "
        f"ELSE {received_secs} + {answer_hours} * 3600 END)"
    )
    rated = f"({draw} < 75 AND {_hash(5)} %% 10 < 4)"
    rating = _pick(_hash(6), ["5", "5", "4", "4", "4", "3", "2", "1"])
    rating = f"CAST({rating} AS INTEGER)"
    has_point = f"(c.latitude IS NOT NULL AND {_hash(7)} %% 100 < 85)"
    latitude = f"(c.latitude + ({_hash(8)} %% 2001 - 1000) / 100000.0)"
    longitude = f"(c.longitude + ({_hash(9)} %% 2001 - 1000) / 100000.0)"
    text = f"({_pick('x.n', TEXTS)} || ' (số ' || x.n || ')')"
    source = (
        "(SELECT g.n::bigint AS n FROM generate_series(0, %s - 1) AS g(n)) x"
        if vendor == "postgresql"
        else "(SELECT value AS n FROM bench_fb_rows WHERE value < %s) x"
    )
    joins = (
        f"JOIN bench_fb_commune c ON c.idx = (x.n * 1543) %% {len(communes)} "
        f"JOIN bench_fb_category k ON k.idx = x.n %% {len(categories)}"
    )
    with (
        _no_foreign_key_checks(vendor),
        transaction.atomic(),
        connection.cursor() as cursor,
        sqlite_page_cache(cursor, 1_000_000),
    ):
        if vendor == "sqlite":
            _temp_table(cursor, "bench_fb_rows", "value INTEGER PRIMARY KEY")
            cursor.execute(
                "WITH RECURSIVE r(v) AS (SELECT 0 UNION ALL SELECT v + 1 FROM r WHERE v < %s) "
                "INSERT INTO bench_fb_rows (value) SELECT v FROM r",
                [count - 1],
            )
        _temp_table(
            cursor,
            "bench_fb_commune",
            "idx integer, id bigint, path varchar(120), province_code varchar(2), organization_id bigint, "
            "latitude double precision, longitude double precision",
        )
        cursor.executemany(
            "INSERT INTO bench_fb_commune VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    n,
                    c["id"],
                    c["path"],
                    c["province_code"],
                    c["organization"],
                    None if c["latitude"] is None else float(c["latitude"]),
                    None if c["longitude"] is None else float(c["longitude"]),
                )
                for n, c in enumerate(communes)
            ],
        )
        _temp_table(cursor, "bench_fb_category", "idx integer, id bigint, answer_days integer, field_id bigint, "
                    "name varchar(200)")  # fmt: skip
        cursor.executemany(
            "INSERT INTO bench_fb_category VALUES (%s, %s, %s, %s, %s)",
            [(n, k["pk"], k["answer_days"], k["case_field_id"], k["name"]) for n, k in enumerate(categories)],
        )
        first_case, first_report = _next_id(cursor, cases_table), _next_id(cursor, reports_table)
        due_on = day(f"{received_secs} / 86400 + k.answer_days + 4")

        case_columns: dict[str, tuple[str, list[Any]]] = {
            "id": ("%s + x.n", [first_case]),
            "code": (f"'PA-BENCH-' || {_pad('x.n', 8, vendor)}", []),
            "unit_id": ("c.id", []),
            "unit_path": ("c.path", []),
            "province_code": ("c.province_code", []),
            "kind": ("%s", [CaseKind.FEEDBACK.value]),
            "channel": ("%s", [Channel.WEB.value]),
            "field_id": ("k.field_id", []),
            "title": (f"substr(k.name || ': ' || {text}, 1, 300)", []),
            "summary": (text, []),
            "received_on": (day(f"{received_secs} / 86400"), [first_day]),
            "status": ("%s", [CaseStatus.RECEIVED.value]),
            "due_on": (due_on, [first_day]),
            "created_at": ("%s", [stamp]),
            "updated_at": ("%s", [stamp]),
        }
        _insert(cursor, Case, case_columns, source, joins, [count])

        when = instant
        new, accepted = ReportState.NEW.value, ReportState.ACCEPTED.value
        report_columns: dict[str, tuple[str, list[Any]]] = {
            "id": ("%s + x.n", [first_report]),
            "case_id": ("%s + x.n", [first_case]),
            "code": (f"'PB' || {_pad('x.n', 8, vendor)}", []),
            "secret_hash": ("%s", ["0" * 64]),
            "category_id": ("k.id", []),
            "unit_id": ("c.id", []),
            "unit_path": ("c.path", []),
            "province_code": ("c.province_code", []),
            "organization_id": ("c.organization_id", []),
            "channel": (_pick("x.n", [str(channel) for channel in channels]), []),
            "description": (text, []),
            "latitude": (f"CASE WHEN {has_point} THEN {latitude} END", []),
            "longitude": (f"CASE WHEN {has_point} THEN {longitude} END", []),
            "grid_cell": (
                f"CASE WHEN {has_point} THEN {floor(f'{latitude} * {cells}')} * {row_width} + "
                f"{floor(f'{longitude} * {cells}')} END",
                [],
            ),
            "received_at": (when(received_secs), [first]),
            "due_on": (due_on, [first_day]),
            "search_text": (f"lower({text})", []),
            "state": (
                f"CASE WHEN {draw} < 10 THEN '{new}' WHEN {draw} < 25 THEN '{accepted}' "
                f"WHEN {draw} < 75 AND {rated} AND {rating} >= 4 THEN '{ReportState.CLOSED.value}' "
                f"WHEN {draw} < 75 THEN '{ReportState.ANSWERED.value}' WHEN {draw} < 90 THEN '{ReportState.CLOSED.value}' "
                f"WHEN {draw} < 97 THEN '{ReportState.REFUSED.value}' ELSE '{ReportState.MERGED.value}' END",
                [],
            ),
            "is_open": (f"{draw} < 25", []),
            "accepted_at": (f"CASE WHEN {draw} >= 10 AND {draw} < 90 THEN {when(received_secs)} END", [first]),
            "answered_at": (f"CASE WHEN {draw} >= 25 AND {draw} < 90 THEN {when(answered_secs)} END", [first]),
            "answer_text": (
                f"CASE WHEN {draw} >= 25 AND {draw} < 90 THEN %s ELSE '' END",
                ["Đơn vị đã kiểm tra, xử lý xong."],
            ),
            "answered_by_name": (f"CASE WHEN {draw} >= 25 AND {draw} < 90 THEN %s ELSE '' END", ["Ủy ban nhân dân"]),
            "timeliness": (
                f"CASE WHEN {draw} < 25 OR {draw} >= 90 THEN '' WHEN {_hash(4)} %% 4 < 3 "
                f"THEN '{Timeliness.ON_TIME.value}' ELSE '{Timeliness.LATE.value}' END",
                [],
            ),
            "rating": (f"CASE WHEN {draw} >= 25 AND {rated} THEN {rating} END", []),
            "rated_at": (f"CASE WHEN {draw} >= 25 AND {rated} THEN {when(f'{answered_secs} + 5 * 3600')} END", [first]),
            "closed_at": (
                f"CASE WHEN {draw} >= 25 AND {rated} AND {rating} >= 4 THEN {when(f'{answered_secs} + 5 * 3600')} END",
                [first],
            ),
            "refusal_reason": (f"CASE WHEN {draw} >= 90 AND {draw} < 97 THEN 'out_of_scope' ELSE '' END", []),
            "created_at": ("%s", [stamp]),
            "updated_at": ("%s", [stamp]),
        }
        _insert(cursor, Report, report_columns, source, joins, [count])
        # The load ran with PostgreSQL's triggers off (a replica session role, for the foreign keys): the petitions'
        # and the reports' month cubes, which the triggers keep, are counted again for the provinces written.
        from danvan.reporting.sources_cases import CUBE as PETITIONS_CUBE
        from danvan.reporting.sources_feedback import CUBE as FEEDBACK_CUBE

        provinces = sorted({commune["province_code"] for commune in communes})
        PETITIONS_CUBE.rebuild(provinces=provinces)
        FEEDBACK_CUBE.rebuild(provinces=provinces)
    with connection.cursor() as cursor:
        _after_bulk(cursor, vendor, [cases_table, reports_table])
    return {"reports": count, "communes": len(communes), "seconds": time.perf_counter() - started}


def _insert(
    cursor: Any,
    model: Any,
    columns: dict[str, tuple[str, list[Any]]],
    source: str,
    joins: str,
    source_params: list[Any],
) -> None:
    """One ``INSERT INTO model … SELECT`` of ``columns`` (column → SQL over ``x``, ``c``, ``k``, and its
    parameters) from ``source`` and ``joins``; every other column gets its default."""
    rest, rest_values = _defaults(model, set(columns))
    names = [*columns, *rest]
    expressions = [sql for sql, _params in columns.values()] + ["%s"] * len(rest)
    params = [value for _sql, values in columns.values() for value in values] + rest_values
    cursor.execute(
        f"INSERT INTO {model._meta.db_table} ({', '.join(names)}) "
        f"SELECT {', '.join(expressions)} FROM {source} {joins}",
        [*params, *source_params],
    )
