"""Named counts shared by every process, each change one SQL statement (an upsert with ``RETURNING``, SQLite ≥ 3.35
and PostgreSQL): the fixed windows of rate limits (``core.ratelimit``) and generations of cached figures.

Django's database cache, the production default, spends five or six statements on one ``add`` or ``incr`` (a
count of its rows to cull, a transaction, a read, a write): on a path that counts every request, such as an Open311
submission, a single ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` on ``core.Counter`` is what a count costs. The
statement is atomic, so concurrent counts never lose an increment (unlike a cache's read-then-write).
"""

from __future__ import annotations

import hashlib
import secrets
import time

from django.db import connections, router

from danvan.core.models import Counter

NAME_LENGTH = 200
PURGE_ONE_IN = 1000  # about one count in this many also deletes the expired rows


def counter_name(name: str) -> str:
    """``name`` as stored: a name longer than the column is replaced by its hash."""
    if len(name) <= NAME_LENGTH:
        return name
    return "sha256:" + hashlib.sha256(name.encode()).hexdigest()


def add(name: str, *, slot: int = 0, expires_at: int | None = None) -> int:
    """Count one more for ``name`` in ``slot`` and return the count: 1 for a new name or a new slot (the count of
    the previous slot is dropped), else the previous count plus one. ``expires_at``: Unix seconds after which the
    row may be purged."""
    connection = connections[router.db_for_write(Counter)]
    quote = connection.ops.quote_name
    table = quote(Counter._meta.db_table)
    name_, slot_, value, expires = (quote(column) for column in ("name", "slot", "value", "expires_at"))
    sql = (  # quoted names from the model; the values are parameters
        f"INSERT INTO {table} ({name_}, {slot_}, {value}, {expires}) VALUES (%s, %s, 1, %s) "  # noqa: S608
        f"ON CONFLICT ({name_}) DO UPDATE SET "
        f"{value} = CASE WHEN {table}.{slot_} = excluded.{slot_} THEN {table}.{value} + 1 ELSE 1 END, "
        f"{slot_} = excluded.{slot_}, {expires} = excluded.{expires} "
        f"RETURNING {value}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [counter_name(name), slot, expires_at])
        row = cursor.fetchone()
    if secrets.randbelow(PURGE_ONE_IN) == 0:
        purge_expired()
    return int(row[0])


def value(name: str, *, slot: int | None = None) -> int:
    """The current count of ``name`` (in ``slot`` when given; 0 when none)."""
    rows = Counter.objects.filter(name=counter_name(name))
    if slot is not None:
        rows = rows.filter(slot=slot)
    found = rows.values_list("value", flat=True).first()
    return int(found or 0)


def purge_expired(now: float | None = None) -> int:
    """Delete the counts whose ``expires_at`` has passed; how many."""
    deleted, _by_model = Counter.objects.filter(expires_at__lt=int(now if now is not None else time.time())).delete()
    return deleted
