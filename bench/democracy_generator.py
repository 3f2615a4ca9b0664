"""What the grassroots-democracy benchmarks share: villages for every current commune of the real tree, a
household register over them and community decisions with their ballots, generated inside the database.

Scale (issue 11): every commune with its villages, 10 million households, 50,000 decisions with 5 million
ballots. ``BENCH_HOUSEHOLDS`` (10,000,000), ``BENCH_DECISIONS`` (50,000) and ``BENCH_BALLOTS`` (5,000,000) scale
with BENCH_SCALE; ``BENCH_VILLAGES_PER_COMMUNE`` sets the villages of each commune (default 8, so the real tree of
3,321 communes gives about 26,600 villages and ~375 households each at full scale).

Households, residences and ballots are not built in Python: a small table of "spans" (one row per village, or
per decision and village, with its first id and its size) is written from Python, and one ``INSERT … SELECT``
per table expands it — over ``generate_series`` on PostgreSQL, over a helper table of integers on SQLite. What
varies (names, phones, choices, channels) is arithmetic on the row's id, so a run is repeatable. Every index
stays in place (real conditions); foreign keys are not checked row by row while writing ids just made (the rows
written are the same); the tables are analyzed afterwards. Each call prints its rows per second. At full scale
on the 2-core development machine (busy with other runs): 10,000,000 households and their residences in about
3 minutes on SQLite, 4 on PostgreSQL; 5,000,000 ballots in 43 s and 170 s (docs/democracy/decisions.md, Bench).

Call these after ``django.setup()`` on a migrated database with the units loaded.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bench.common import scaled, sqlite_page_cache

HOUSEHOLDS = scaled("BENCH_HOUSEHOLDS", 10000000)
DECISIONS = scaled("BENCH_DECISIONS", 50000)
BALLOTS = scaled("BENCH_BALLOTS", 5000000)
VILLAGES_PER_COMMUNE = scaled("BENCH_VILLAGES_PER_COMMUNE", 8, minimum=2)  # a commune-wide decision needs two
REGISTER_FROM = dt.date(2023, 1, 1)
BATCH = 20000

# Surnames weighted roughly as they are found (Nguyễn about a third), a middle name and a given name: picked by
# arithmetic on the household's id.
SURNAMES = ["Nguyễn"] * 7 + ["Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
SURNAMES += ["Đỗ"]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang"]
GIVEN_NAMES = [
    "An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Lan", "Linh", "Long",
    "Mai", "Minh", "Nam", "Nga", "Phúc", "Sơn", "Tâm", "Thảo", "Thủy", "Trang", "Tuấn", "Vân",
]  # fmt: skip
HASH = 2654435761  # Knuth's multiplicative hash: ids in a row get unrelated names


def bulk_insert(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` (built in Python) into ``table`` in batches; the number inserted."""
    from django.db import connection

    count = 0
    batch: list[Sequence[Any]] = []

    def flush() -> None:
        if not batch:
            return
        if connection.vendor == "postgresql":
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                for row in batch:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            with connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", batch)
        batch.clear()

    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= BATCH:
            flush()
    flush()
    return count


def _pick(expression: str, values: Sequence[str]) -> str:
    """SQL choosing ``values[expression % len(values)]`` (a CASE: SQLite has no arrays)."""
    quoted = (value.replace("'", "''") for value in values)
    whens = " ".join(f"WHEN {n} THEN '{value}'" for n, value in enumerate(quoted))
    return f"CASE ({expression}) %% {len(values)} {whens} END"


def _pad(expression: str, width: int, vendor: str) -> str:
    """SQL writing the integer ``expression`` with leading zeros to ``width`` digits."""
    if vendor == "postgresql":
        return f"lpad(({expression})::text, {width}, '0')"
    return f"printf('%0{width}d', {expression})"


def _temp_table(cursor: Any, name: str, columns: str) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    cursor.execute(f"CREATE TEMPORARY TABLE {name} ({columns})")


def _series(cursor: Any, vendor: str, span: str, size: str, largest: int) -> str:
    """A FROM clause giving every row of the span table ``span`` with ``n`` = 1 … its ``size``: generate_series on
    PostgreSQL, a helper table of integers on SQLite (CROSS JOIN keeps the span table outside)."""
    if vendor == "postgresql":
        return f"{span} s CROSS JOIN LATERAL generate_series(1, s.{size}) AS g(n)"
    _temp_table(cursor, "bench_ints", "n INTEGER PRIMARY KEY")
    cursor.execute(
        "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < %s) "
        "INSERT INTO bench_ints (n) SELECT n FROM c",
        [max(1, largest)],
    )
    return f"{span} s CROSS JOIN bench_ints g ON g.n <= s.{size}"


def _next_id(cursor: Any, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
    return int(cursor.fetchone()[0]) + 1


def _after_bulk(cursor: Any, vendor: str, tables: Sequence[str]) -> None:
    """Sequences past the generated ids (PostgreSQL) and fresh statistics for the planner. On PostgreSQL, outside a
    transaction, also the visibility map, as autovacuum sets it after a bulk insert
    (``autovacuum_vacuum_insert_threshold``): without it an index-only scan (the recommendation figures') fetches
    every row from the table all the same."""
    from django.db import connection

    if vendor == "postgresql":
        for table in tables:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
    vacuum = vendor == "postgresql" and not connection.in_atomic_block
    if vacuum:
        # The bench server commits asynchronously (scripts/with-postgres.sh: synchronous_commit=off), and until the
        # inserting commit's WAL is flushed VACUUM may not mark a row visible to all: right after the insert it
        # set no page all-visible. A checkpoint flushes it (the throw-away server's user is a superuser).
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("CHECKPOINT")
    for table in tables:
        cursor.execute(f"VACUUM (ANALYZE) {table}" if vacuum else f"ANALYZE {table}")


@contextmanager
def _no_foreign_key_checks(vendor: str) -> Iterator[None]:
    """Foreign keys not checked row by row while the generator writes ids it has just made (what is written is
    the same): SQLite's ``foreign_keys`` pragma (set outside a transaction), PostgreSQL's replication role (the
    FK triggers; superuser only, as the throw-away server of scripts/with-postgres.sh is; else kept on)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            try:
                yield
            finally:
                cursor.execute("PRAGMA foreign_keys = ON")
            return
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        superuser = bool(cursor.fetchone()[0])
        if superuser:
            cursor.execute("SET session_replication_role = replica")
        try:
            yield
        finally:
            if superuser:
                cursor.execute("SET session_replication_role = DEFAULT")


def make_villages(per_commune: int = VILLAGES_PER_COMMUNE) -> list[dict[str, Any]]:
    """``per_commune`` villages under every current commune (codes "<commune>.001"…); the villages as dicts
    (id, code, name, path, province_code, parent_id, parent__path)."""
    from django.db import transaction
    from django.utils import timezone

    from danvan.core.models import AdministrativeUnit, UnitKind, UnitLevel, UnitTree
    from danvan.core.text import fold

    now = timezone.now()
    communes = list(
        AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE).values(
            "id", "code", "path", "province_code", "valid_from", "name"
        )
    )
    existing = set(
        AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.VILLAGE).values_list("code", flat=True)
    )
    units = []
    for commune in communes:
        for n in range(1, per_commune + 1):
            code = f"{commune['code']}.{n:03d}"
            if code in existing:
                continue
            name = f"Thôn {n}"
            units.append(
                AdministrativeUnit(
                    tree=UnitTree.CURRENT,
                    code=code,
                    kind=UnitKind.VILLAGE,
                    level=UnitLevel.VILLAGE,
                    name=name,
                    short_name=name,
                    parent_id=commune["id"],
                    path=f"{commune['path']}{code}/",
                    province_code=commune["province_code"],
                    valid_from=commune["valid_from"],
                    households=0,
                    name_key=fold(name),
                    search_text=fold(f"{name} {commune['name']}"),
                    created_at=now,
                    updated_at=now,
                )
            )
    with transaction.atomic():
        AdministrativeUnit.objects.bulk_create(units, batch_size=5000)
    return [
        dict(row)
        for row in AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.VILLAGE)
        .order_by("path")
        .values("id", "code", "name", "path", "province_code", "parent_id", "parent__path")
    ]


def make_households(villages: list[dict[str, Any]], total: int = HOUSEHOLDS, *, seed: int = 2026) -> int:
    """``total`` households spread over ``villages`` (uneven: each village weighs 0.4–1.6), each with one open
    residence since a day of 2023, written by the database itself; the villages' ``households`` numbers are set to
    match. Each village dict gets ``households`` and ``first_household`` (its households have the ids that
    follow, in a row). Prints the rows per second; the number created."""
    from django.db import connection, transaction
    from django.utils import timezone

    from danvan.core.models import AdministrativeUnit
    from danvan.core.text import fold
    from danvan.democracy.models import Household, Residence

    rng = random.Random(seed)
    vendor = connection.vendor
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    weights = [rng.uniform(0.4, 1.6) for _ in villages]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    for n in rng.sample(range(len(sizes)), total - sum(sizes)):  # what rounding down left, one each
        sizes[n] += 1
    households, residences = Household._meta.db_table, Residence._meta.db_table
    units = AdministrativeUnit._meta.db_table
    width = max(4, len(str(max(sizes))))
    started = time.perf_counter()
    with (
        _no_foreign_key_checks(vendor),
        transaction.atomic(),
        connection.cursor() as cursor,
        sqlite_page_cache(cursor, 2_000_000),
    ):
        first_id = _next_id(cursor, households)
        spans = []
        pk = first_id
        for village, size in zip(villages, sizes, strict=True):
            village["households"], village["first_household"] = size, pk
            number = village["code"].rsplit(".", 1)[-1]
            spans.append(
                (
                    village["id"],
                    village["parent_id"],
                    village["parent__path"],
                    village["province_code"],
                    pk,
                    size,
                    f"T{number}-",
                    village["name"],
                    fold(village["name"]),
                )
            )
            pk += size
        _temp_table(
            cursor,
            "bench_span",
            "village_id bigint, commune_id bigint, commune_path varchar(120), province_code varchar(2), "
            "first_id bigint, size integer, code_prefix varchar(20), village_name varchar(200), "
            "village_folded varchar(200)",
        )
        cursor.executemany("INSERT INTO bench_span VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)", spans)
        source = _series(cursor, vendor, "bench_span", "size", max(sizes))
        # One row per household: its id, its number in the village and a hash of the id for the names.
        rows = f"SELECT s.*, g.n AS n, s.first_id + g.n - 1 AS hid, ((s.first_id + g.n - 1) * {HASH}) %% 4294967296 AS h FROM {source}"
        code = f"x.code_prefix || {_pad('x.n', width, vendor)}"
        name = (
            f"{_pick('x.h', SURNAMES)} || ' ' || {_pick('x.h / 20', MIDDLE_NAMES)} || ' ' || "
            f"{_pick('x.h / 160', GIVEN_NAMES)}"
        )
        folded_name = (
            f"{_pick('x.h', [fold(s) for s in SURNAMES])} || ' ' || {_pick('x.h / 20', [fold(s) for s in MIDDLE_NAMES])}"
            f" || ' ' || {_pick('x.h / 160', [fold(s) for s in GIVEN_NAMES])}"
        )
        phone = f"CASE WHEN x.h %% 5 = 0 THEN '' ELSE '09' || {_pad('(x.h / 7) %% 100000000', 8, vendor)} END"
        house = (
            "CAST(1 + (x.h / 4000) %% 200 AS VARCHAR(10))" if vendor == "sqlite" else "(1 + (x.h / 4000) %% 200)::text"
        )
        address = f"'Số ' || {house} || ', ' || x.village_name"
        search = f"lower({code}) || ' ' || {folded_name} || ' so ' || {house} || ', ' || x.village_folded"
        cursor.execute(
            f"""
            INSERT INTO {households} (id, unit_id, unit_path, province_code, created_at, updated_at, version, code,
                representative_name, representative_phone, address, search_text, dissolved_on,
                submission_fingerprint)
            SELECT x.hid, x.commune_id, x.commune_path, x.province_code, %s, %s, 1, {code},
                {name}, {phone}, {address}, {search}, NULL, ''
            FROM ({rows}) x
            """,
            [stamp, stamp],
        )
        household_seconds = time.perf_counter() - started
        # Moved in on a day of 2023 (the register on any later day holds them all).
        moved_in = (
            "DATE(%s, '+' || (x.h %% 365) || ' days')" if vendor == "sqlite" else "(%s::date + (x.h %% 365)::int)"
        )
        cursor.execute(
            f"""
            INSERT INTO {residences} (id, household_id, village_id, valid_from, valid_to)
            SELECT x.hid, x.hid, x.village_id, {moved_in}, NULL FROM ({rows}) x
            """,
            [REGISTER_FROM.isoformat()],
        )
        cursor.execute(f"UPDATE {units} SET households = s.size FROM bench_span s WHERE {units}.id = s.village_id", [])
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        _after_bulk(cursor, vendor, [households, residences])
    print(
        f"generator: {total:,} households in {household_seconds:.1f} s ({total / household_seconds:,.0f} rows/s), "
        f"with their residences {seconds:.1f} s ({2 * total / seconds:,.0f} rows/s); "
        f"ANALYZE {time.perf_counter() - started - seconds:.1f} s"
    )
    return total


# matter code: weight, forms (form, weight) — Art. 17 and the seed of migration 0007: matters 3–5 go to a ballot
# only when a meeting lacked households (went_to_ballot), online only for matter 6.
MATTER_MIX = {
    "1": (30, [("meeting", 70), ("ballot", 30)]),
    "2": (15, [("meeting", 70), ("ballot", 30)]),
    "3": (10, [("meeting", 85), ("ballot", 15)]),
    "4": (15, [("meeting", 85), ("ballot", 15)]),
    "5": (5, [("meeting", 85), ("ballot", 15)]),
    "6": (25, [("meeting", 60), ("ballot", 25), ("online", 15)]),
}
TITLES = {
    "1": ["Đóng góp làm đường bê tông thôn", "Đóng góp xây nhà văn hóa", "Đóng góp kiên cố hóa kênh mương"],
    "2": ["Thu, chi quỹ đường điện chiếu sáng", "Quản lý quỹ khuyến học của thôn"],
    "3": ["Sửa đổi hương ước thôn", "Quy ước giữ gìn vệ sinh môi trường"],
    "4": ["Bầu trưởng thôn nhiệm kỳ mới", "Cho thôi làm trưởng thôn"],
    "5": ["Bầu Ban Thanh tra nhân dân", "Bầu Ban Giám sát đầu tư của cộng đồng"],
    "6": ["Giờ đóng cửa nhà văn hóa", "Tổ chức ngày hội đại đoàn kết", "Trồng cây xanh tuyến đường thôn"],
}
PEOPLE = ["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Văn Minh", "Phạm Thị Hoa", "Hoàng Văn Sơn", "Vũ Thị Mai"]


def make_decisions(
    villages: list[dict[str, Any]], total: int = DECISIONS, ballots: int = BALLOTS, *, seed: int = 2027
) -> tuple[int, int]:
    """``total`` community decisions spread at random over the communes of ``villages`` (which ``make_households``
    filled), of every matter and form (most decided by a meeting, the rest by paper ballots or online), over the
    last three years: most closed (submitted, recognized), a few announced or draft; one in five commune-wide (all
    the commune's villages). About ``ballots`` ballots in all (fewer when the register is smaller than that) go to
    the ballot and online decisions, a share of each village's households (one ballot per household) with an
    agreeing share drawn per decision; the decisions' counts and results follow from them. Prints the rows per
    second; the numbers of decisions and ballots created."""
    from django.db import connection, transaction
    from django.utils import timezone

    from danvan.core.models import AdministrativeUnit
    from danvan.core.text import fold
    from danvan.democracy.models import Ballot, CommunityDecision, DecisionMatter

    rng = random.Random(seed)
    vendor = connection.vendor
    today = timezone.localdate()
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    matters = dict(DecisionMatter.objects.values_list("code", "pk"))
    by_commune: dict[int, list[dict[str, Any]]] = {}
    for village in villages:
        if village.get("households"):
            by_commune.setdefault(village["parent_id"], []).append(village)
    names = dict(AdministrativeUnit.objects.filter(pk__in=by_commune).values_list("pk", "name"))
    communes = sorted(by_commune)
    codes = list(MATTER_MIX)
    weights = [MATTER_MIX[c][0] for c in codes]
    decisions_table, ballots_table = CommunityDecision._meta.db_table, Ballot._meta.db_table
    through = CommunityDecision.villages.through
    started = time.perf_counter()
    with (
        _no_foreign_key_checks(vendor),
        transaction.atomic(),
        connection.cursor() as cursor,
        sqlite_page_cache(cursor, 1_000_000),
    ):
        first_id = _next_id(cursor, decisions_table)
        numbers: dict[tuple[int, int], int] = {}
        rows: list[Any] = []
        links: list[Any] = []
        voting: list[tuple[Any, ...]] = []
        for pk in range(first_id, first_id + total):
            commune = rng.choice(communes)
            its = by_commune[commune]
            code = rng.choices(codes, weights)[0]
            forms = MATTER_MIX[code][1]
            form = rng.choices([f for f, _w in forms], [w for _f, w in forms])[0]
            wide = code in ("1", "2", "6") and len(its) > 1 and rng.random() < 0.2
            chosen = its if wide else [rng.choice(its)]
            households = sum(v["households"] for v in chosen)
            age = rng.randint(0, 3 * 365)
            notice = today - dt.timedelta(days=age)
            register = notice + dt.timedelta(days=rng.randint(3, 10))
            closed = register + dt.timedelta(days=rng.randint(1, 7))
            recognizer = code in ("3", "4", "5")
            if age < 5:
                status = "draft"
            elif closed > today:
                status = "announced"
            elif recognizer:
                status = rng.choices(["closed", "submitted", "recognized", "refused"], [3, 10, 82, 5])[0]
            else:
                status = rng.choices(["closed", "submitted"], [25, 75])[0]
            year = notice.year
            numbers[commune, year] = numbers.get((commune, year), 0) + 1
            title = rng.choice(TITLES[code])
            turnout = rng.uniform(0.45, 0.95)
            agree = rng.choice(
                [rng.randint(500, 950), rng.randint(500, 950), rng.randint(500, 950), rng.randint(200, 700)]
            )
            done = status not in ("draft", "announced")
            voted = round(households * turnout) if done and form == "meeting" else 0
            submitted = (
                closed + dt.timedelta(days=rng.randint(1, 5))
                if status in ("submitted", "recognized", "refused")
                else None
            )
            answered = (
                submitted + dt.timedelta(days=rng.randint(1, 10))
                if submitted and status in ("recognized", "refused")
                else None
            )
            village = chosen[0]
            rows.append(
                CommunityDecision(
                    pk=pk,
                    unit_id=commune,
                    unit_path=village["parent__path"],
                    province_code=village["province_code"],
                    number=f"{numbers[commune, year]:03d}/{year}",
                    title=title,
                    matter_id=matters[code],
                    scope="commune" if wide else "village",
                    origin=rng.choices(["commune", "citizens", "front"], [70, 20, 10])[0],
                    form=form,
                    went_to_ballot=recognizer and form == "ballot",
                    documents_sent_on=notice if code in ("1", "2", "3") and status != "draft" else None,
                    notice_on=notice if status != "draft" else None,
                    register_on=register if status != "draft" else None,
                    team=rng.sample(PEOPLE, 3) if status != "draft" else [],
                    team_leader=PEOPLE[0] if status != "draft" else "",
                    status=status,
                    closed_on=closed if done else None,
                    households_total=households if status != "draft" else 0,
                    households_voted=voted,
                    households_agreed=round(voted * agree / 1000),
                    head_name=PEOPLE[pk % 6] if done else "",
                    front_head_name=PEOPLE[(pk + 1) % 6] if done else "",
                    witnesses=rng.sample(PEOPLE, 2) if done else [],
                    submission_due_on=closed + dt.timedelta(days=5) if done else None,
                    submitted_on=submitted,
                    recognition_due_on=submitted + dt.timedelta(days=15) if submitted and recognizer else None,
                    recognized_on=answered,
                    recognition_document=f"{pk}/QĐ-UBND" if answered else "",
                    effective_on=answered or (closed if done else None),
                    is_published=done and rng.random() < 0.6,
                    search_text=fold(f"{title} {names[commune]}")[:600],
                )
            )
            links.extend(through(communitydecision_id=pk, administrativeunit_id=v["id"]) for v in chosen)
            if form != "meeting" and status != "draft" and register <= today:
                voting.extend(
                    (pk, v, turnout, agree, register, (min(closed, today) - register).days + 1, form) for v in chosen
                )
        CommunityDecision.objects.bulk_create(rows, batch_size=2000)
        through.objects.bulk_create(links, batch_size=5000)
        decision_seconds = time.perf_counter() - started
        # The ballots: a share of each voting village's households, scaled so that they add up to ``ballots``.
        factor = ballots / max(1.0, sum(v["households"] * turnout for _pk, v, turnout, *_rest in voting))
        first_ballot = _next_id(cursor, ballots_table)
        spans = []
        pk = first_ballot
        for decision, village, turnout, agree, register, days, form in voting:
            size = village["households"]
            count = min(size, round(size * turnout * factor))
            if not count:
                continue
            on = register if vendor == "postgresql" else register.isoformat()
            offset = rng.randrange(size)
            spans.append(
                (decision, village["id"], village["first_household"], size, count, offset, pk, on, days, agree, form)
            )
            pk += count
        created = pk - first_ballot
        _temp_table(
            cursor,
            "bench_ballot_span",
            "decision_id bigint, village_id bigint, first_household bigint, size integer, count integer, "
            "offset_n integer, first_id bigint, register_on date, days integer, agree integer, form varchar(10)",
        )
        cursor.executemany("INSERT INTO bench_ballot_span VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", spans)
        source = _series(cursor, vendor, "bench_ballot_span", "count", max((s[4] for s in spans), default=1))
        rows_sql = (
            f"SELECT s.*, g.n AS n, s.first_id + g.n - 1 AS bid, "
            f"((s.first_id + g.n - 1) * {HASH}) %% 4294967296 AS h FROM {source}"
        )
        cast = (
            "DATE(x.register_on, '+' || ((x.h / 5000) %% x.days) || ' days')"
            if vendor == "sqlite"
            else "(x.register_on + ((x.h / 5000) %% x.days)::int)"
        )
        choice = (
            "CASE WHEN x.h %% 1000 < x.agree THEN 'agree' "
            "WHEN x.h %% 1000 < x.agree + (1000 - x.agree) * 4 / 5 THEN 'disagree' ELSE 'other' END"
        )
        cursor.execute(
            f"""
            INSERT INTO {ballots_table} (id, decision_id, household_id, village_id, choice, other_text, channel,
                cast_on, receipt, corrections, recorded_at)
            SELECT x.bid, x.decision_id, x.first_household + (x.n - 1 + x.offset_n) %% x.size, x.village_id,
                {choice},
                CASE WHEN x.h %% 1000 >= x.agree + (1000 - x.agree) * 4 / 5 THEN 'Đề nghị giảm mức đóng góp' ELSE '' END,
                CASE WHEN x.form = 'online' OR (x.h / 1000) %% 5 = 0 THEN 'online' ELSE 'paper' END,
                {cast}, 'B' || {_pad("x.bid", 9, vendor)}, 0, %s
            FROM ({rows_sql}) x
            """,
            [stamp],
        )
        ballot_seconds = time.perf_counter() - started - decision_seconds
        # Counts from the ballots, results by the matter's rule (matters 1–2: at least 2/3; 3–6: above half).
        cursor.execute(
            f"""
            UPDATE {decisions_table} SET households_voted = t.voted, households_agreed = t.agreed
            FROM (SELECT decision_id, COUNT(*) AS voted, SUM(CASE WHEN choice = 'agree' THEN 1 ELSE 0 END) AS agreed
                  FROM {ballots_table} WHERE decision_id BETWEEN %s AND %s GROUP BY decision_id) t
            WHERE {decisions_table}.id = t.decision_id
            """,
            [first_id, first_id + total - 1],
        )
        cursor.execute(
            f"""
            UPDATE {decisions_table} SET result = CASE
                WHEN matter_id IN (%s, %s) THEN CASE WHEN households_agreed * 3 >= households_total * 2
                    THEN 'passed' ELSE 'failed' END
                WHEN households_agreed * 2 > households_total THEN 'passed' ELSE 'failed' END
            WHERE id BETWEEN %s AND %s AND status NOT IN ('draft', 'announced')
            """,
            [matters["1"], matters["2"], first_id, first_id + total - 1],
        )
    seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        _after_bulk(cursor, vendor, [decisions_table, through._meta.db_table, ballots_table])
    print(
        f"generator: {total:,} decisions ({len(links):,} villages) in {decision_seconds:.1f} s "
        f"({total / decision_seconds:,.0f} rows/s); {created:,} ballots in {ballot_seconds:.1f} s "
        f"({created / max(ballot_seconds, 1e-9):,.0f} rows/s); counts and results {seconds - decision_seconds - ballot_seconds:.1f} s; "
        f"ANALYZE {time.perf_counter() - started - seconds:.1f} s"
    )
    return total, created
