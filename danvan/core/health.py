"""``/healthz``: whether the primary database answers and, with a replica (``DANVAN_REPLICA_URL``), how far behind
it is.

The primary decides the status code: 503 when it does not answer (a load balancer takes the node out). A replica
that is down or behind only "degrades" the answer (200, ``"status": "degraded"``): reports then read from the
primary (danvan.core.db_router), every other page works.

Replica lag, read on PostgreSQL (the standby's ``pg_last_wal_replay_lsn()`` and ``pg_last_xact_replay_timestamp()``
against the primary's ``pg_current_wal_lsn()``):

- ``lag_bytes``: WAL the primary wrote that the standby has not replayed yet;
- ``lag_seconds``: 0 when everything is replayed, else the age of the last transaction the standby replayed
  (so an idle primary does not look behind).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import JsonResponse

from danvan.core.db_router import REPLICA, replica_alias

logger = logging.getLogger(__name__)


def _primary_answers() -> bool:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("health check: the primary database does not answer", exc_info=True)
        return False
    return True


def replica_status() -> dict[str, Any]:
    """The replica's state and lag; ``{"status": "unavailable"}`` when it does not answer or is not a standby."""
    replica, primary = connections[REPLICA], connections[DEFAULT_DB_ALIAS]
    if replica.vendor != "postgresql" or primary.vendor != "postgresql":
        return {"status": "ok", "lag_bytes": None, "lag_seconds": None}
    try:
        with replica.cursor() as cursor:
            cursor.execute(
                "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text, "
                "EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp()))"
            )
            in_recovery, replay_lsn, replay_age = cursor.fetchone()
    except DatabaseError:
        logger.warning("health check: the replica does not answer", exc_info=True)
        replica.close_if_unusable_or_obsolete()
        return {"status": "unavailable"}
    if not in_recovery or replay_lsn is None:
        return {"status": "not_a_standby"}
    with primary.cursor() as cursor:
        cursor.execute("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), %s::pg_lsn)", [replay_lsn])
        (lag,) = cursor.fetchone()
    lag_bytes = max(int(lag), 0)
    lag_seconds = 0.0 if lag_bytes == 0 or replay_age is None else round(max(float(replay_age), 0.0), 3)
    return {"status": "ok", "lag_bytes": lag_bytes, "lag_seconds": lag_seconds}


def health_response() -> JsonResponse:
    """The answer of ``/healthz``."""
    if not _primary_answers():
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    body: dict[str, Any] = {"status": "ok", "database": connections[DEFAULT_DB_ALIAS].vendor}
    if replica_alias() == REPLICA:
        body["replica"] = replica_status()
        if body["replica"]["status"] != "ok":
            body["status"] = "degraded"
    return JsonResponse(body)
