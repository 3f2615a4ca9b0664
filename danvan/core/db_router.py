"""Reports and statistics read from a streaming replica when there is one (``DANVAN_REPLICA_URL``).

Only what runs inside :func:`reporting_reads` (``with reporting_reads():`` or ``@reporting_reads()``) reads from the replica: the
statistics selectors, whose figures may be a second or so behind. Everything else reads from the primary
("default"), so that a page shown after a write always shows it (read-your-writes), and so does a reporting
read made inside a transaction on the primary. Writes and migrations never go to the replica: a hot standby
refuses writes anyway, and its schema is the primary's, copied by streaming replication.

Without ``DANVAN_REPLICA_URL`` there is no "replica" alias and :func:`replica_alias` is "default".
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"

logger = logging.getLogger(__name__)

_reporting: contextvars.ContextVar[bool] = contextvars.ContextVar("danvan_reporting_reads", default=False)
# The aliases whose connection plans every statement for its values now (the outermost planned_per_call sets it).
_planned: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("danvan_planned", default=frozenset())


def _same_database(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return all(one.get(key) == other.get(key) for key in ("ENGINE", "HOST", "PORT", "NAME"))


def replica_alias() -> str:
    """The alias a report reads from: "replica" when one is configured, else "default".

    A replica that is the primary itself — the alias as a test mirror of "default" (``TEST: {"MIRROR":
    "default"}``) in an in-process test run — is "default": the test's own connection sees its uncommitted data."""
    if REPLICA not in settings.DATABASES:
        return DEFAULT_DB_ALIAS
    if _same_database(connections[REPLICA].settings_dict, connections[DEFAULT_DB_ALIAS].settings_dict):
        return DEFAULT_DB_ALIAS
    return REPLICA


def reading_from_replica() -> bool:
    """Whether a read made here goes to the replica: inside :func:`reporting_reads`, with a replica, and not inside
    a transaction on the primary (which must see its own writes)."""
    return _reporting.get() and replica_alias() == REPLICA and not connections[DEFAULT_DB_ALIAS].in_atomic_block


@contextmanager
def reporting_reads() -> Iterator[None]:
    """Reads made in this block (``with reporting_reads():``) or by this function (``@reporting_reads()``) go to the
    replica, when there is one. A decorated selector must evaluate its querysets before it returns (return
    figures, not lazy querysets): a queryset evaluated later reads from the primary."""
    token = _reporting.set(_replica_answers())
    try:
        with planned_per_call(REPLICA if reading_from_replica() else DEFAULT_DB_ALIAS):
            yield
    finally:
        _reporting.reset(token)


@contextmanager
def planned_per_call(alias: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """PostgreSQL: the statements of this block planned for their own values (``plan_cache_mode =
    force_custom_plan`` on ``alias``'s connection until the block ends; nested blocks change nothing).

    A prepared statement (decision 0031) gets a plan for its values its first five times, then PostgreSQL may keep a
    generic plan for any values; for the figures — counts over a place and dates — the generic plan is far worse: a
    province's recommendations of a year took 383 ms planned per call and 1,262 ms with the generic plan (2,000,000
    rows); for a page of a filtered list, whose matches range from a handful to tens of thousands, a generic plan
    read 500,000 initiatives for the page of a common word (568 ms; 108 ms planned for its values). The reports
    (:func:`reporting_reads`) and the pages of lists (``core.pagination``) are planned per call; the submissions and
    look-ups keep their generic plans (planning each of them again cost a submission a third more database time).
    ``DANVAN_DB_CUSTOM_PLANS=0`` leaves the server's choice. Decisions 0034, 0040."""
    connection = connections[alias]
    if alias in _planned.get() or connection.vendor != "postgresql" or not settings.DB_CUSTOM_PLANS:
        yield
        return
    _set(alias, "SET plan_cache_mode = force_custom_plan")
    token = _planned.set(_planned.get() | {alias})
    try:
        yield
    finally:
        _planned.reset(token)
        _planned_generically(alias)


@contextmanager
def joined_without_nested_loops(alias: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """PostgreSQL: the block's statements join by hash or merge, never by a nested loop (``enable_nestloop = off``
    on ``alias``'s connection until the block ends); other engines: nothing.

    For the sweeps' claims — ``INSERT INTO notices SELECT … FROM items WHERE NOT EXISTS (SELECT … FROM notices …)``,
    the told items against what was told. Statistics of a notice table analysed while it was empty (a new install,
    a first sweep) make the planner look each due item up in it by a sequential scan, and that scan reads, page by
    page, every row the statement has inserted so far (invisible to the statement, not to the disk): a first sweep
    of 2,000,000 recommendations with 472,553 due took 875 s on PostgreSQL. Joined by hash, the notices are read
    once, whatever the statistics say: the same sweep in seconds."""
    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield
        return
    _set(alias, "SET enable_nestloop = off")
    try:
        yield
    finally:
        try:
            _set(alias, "RESET enable_nestloop")
        except DatabaseError:  # the block's transaction failed: its rollback undoes the setting anyway
            logger.info("enable_nestloop not reset on %s (the connection failed)", alias, exc_info=True)


def _set(alias: str, statement: str) -> None:
    """A session setting sent on the raw connection: not one of the block's queries (the tests count those)."""
    connection = connections[alias]
    connection.ensure_connection()
    with connection.wrap_database_errors:  # psycopg's errors as Django's DatabaseError
        connection.connection.execute(statement)


def _planned_generically(alias: str) -> None:
    """Back to the server's choice of plans on ``alias``'s connection (a connection that failed meanwhile is closed
    or rolled back by its owner: nothing to put back then)."""
    try:
        _set(alias, "RESET plan_cache_mode")
    except DatabaseError:
        logger.info("plan_cache_mode not reset on %s (the connection failed)", alias, exc_info=True)


def _replica_answers() -> bool:
    """Whether the replica answers now (one ``SELECT 1``); a replica that is down leaves reports on the primary
    (and /healthz says "degraded") instead of breaking the page."""
    if replica_alias() != REPLICA or connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    replica = connections[REPLICA]
    try:
        with replica.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("the replica does not answer: reports read from the primary", exc_info=True)
        replica.close()
        return False
    return True


class ReplicaRouter:
    """Reads inside :func:`reporting_reads` go to the replica; every other read, every write and every migration
    to the primary."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if reading_from_replica():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the primary's rows: an object read there is the same row

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool | None:
        return db != REPLICA
