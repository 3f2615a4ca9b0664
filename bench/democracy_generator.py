"""What the grassroots-democracy benchmarks share: villages for every current commune of the real tree and a
household register over them, inserted raw (COPY on PostgreSQL, executemany on SQLite).

Scale (issue 11): every commune with its villages, 10 million households. ``BENCH_HOUSEHOLDS`` scales the count
down for quick runs; ``BENCH_VILLAGES_PER_COMMUNE`` sets the villages of each commune (default 8, so the real
tree of 3,321 communes gives about 26,600 villages and ~375 households each at full scale).
Call these after ``django.setup()`` on a migrated database with the units loaded.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from typing import Any

from bench.common import scaled

HOUSEHOLDS = scaled("BENCH_HOUSEHOLDS", 10000000)
VILLAGES_PER_COMMUNE = scaled("BENCH_VILLAGES_PER_COMMUNE", 8, minimum=2)  # a commune-wide decision needs two
REGISTER_FROM = dt.date(2023, 1, 1)
BATCH = 20000


def bulk_insert(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` into ``table`` in batches; the number inserted."""
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


def make_villages(per_commune: int = VILLAGES_PER_COMMUNE) -> list[dict[str, Any]]:
    """``per_commune`` villages under every current commune (codes "<commune>.001"…); the villages as dicts
    (id, path, province_code, parent_id)."""
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
        .values("id", "path", "province_code", "parent_id", "parent__path")
    ]


def make_households(villages: list[dict[str, Any]], total: int = HOUSEHOLDS, *, seed: int = 2026) -> int:
    """``total`` households spread over ``villages`` (uneven, as real villages are), each with one open residence
    since ``REGISTER_FROM``; the villages' household numbers are set to match. The number created."""
    from django.db import connection, transaction
    from django.utils import timezone

    from danvan.core.models import AdministrativeUnit
    from danvan.democracy.models import Household, Residence

    rng = random.Random(seed)
    now = timezone.now()
    weights = [rng.uniform(0.4, 1.6) for _ in villages]
    scale = total / sum(weights)
    sizes = [int(w * scale) for w in weights]
    sizes[0] += total - sum(sizes)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Household._meta.db_table}")
        first_id = int(cursor.fetchone()[0]) + 1
    household_columns = [
        "id",
        "unit_id",
        "unit_path",
        "province_code",
        "created_at",
        "updated_at",
        "version",
        "code",
        "representative_name",
        "representative_phone",
        "address",
        "search_text",
        "dissolved_on",
    ]
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
    given = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Hùng", "Thị Lan", "Văn Minh", "Thị Hoa"]

    def household_rows() -> Iterable[Sequence[Any]]:
        pk = first_id
        for village, size in zip(villages, sizes, strict=True):
            commune_path = village["parent__path"]
            for n in range(size):
                name = f"{rng.choice(surnames)} {rng.choice(given)}"
                yield (
                    pk,
                    village["parent_id"],
                    commune_path,
                    village["province_code"],
                    now,
                    now,
                    1,
                    f"{village['id']}-{n + 1}",
                    name,
                    "",
                    "",
                    "",
                    None,
                )
                pk += 1

    def residence_rows() -> Iterable[Sequence[Any]]:
        pk = first_id
        for village, size in zip(villages, sizes, strict=True):
            for _ in range(size):
                yield (pk, pk, village["id"], REGISTER_FROM, None)
                pk += 1

    with transaction.atomic():
        created = bulk_insert(Household._meta.db_table, household_columns, household_rows())
        bulk_insert(
            Residence._meta.db_table, ["id", "household_id", "village_id", "valid_from", "valid_to"], residence_rows()
        )
        for village, size in zip(villages, sizes, strict=True):
            village["households"] = size
        AdministrativeUnit.objects.bulk_update(
            [AdministrativeUnit(pk=v["id"], households=v["households"]) for v in villages],
            ["households"],
            batch_size=5000,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Household, Residence):
                table = model._meta.db_table
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
            cursor.execute(f"ANALYZE {Household._meta.db_table}; ANALYZE {Residence._meta.db_table}")
    return created
