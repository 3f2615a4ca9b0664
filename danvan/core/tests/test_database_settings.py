"""The connection settings the app really opens, on the engine the suite runs on: PostgreSQL with statements bound
and prepared by the server, JIT off, the figures planned per call (decisions 0031, 0032, 0034); SQLite in WAL mode with foreign keys enforced (the
app server and a worker share the file)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def setting(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return str(cursor.fetchone()[0]).lower()


def test_the_connection_has_the_engine_settings_the_app_relies_on():
    options = connection.settings_dict["OPTIONS"]
    if connection.vendor == "postgresql":
        assert setting("SHOW jit") == "off"
        assert setting("SHOW plan_cache_mode") == "auto"  # the figures plan per call: test_db_router
        assert options.get("server_side_binding") is True and options.get("prepare_threshold") == 2
    else:
        assert setting("PRAGMA foreign_keys") == "1"
        assert setting("PRAGMA cache_size") == "-65536"  # 64 MiB of pages per connection, not 2
        assert "journal_mode=WAL" in options["init_command"] and options["transaction_mode"] == "IMMEDIATE"


def test_reporting_reads_are_planned_for_their_values_and_only_they():
    """Inside ``reporting_reads`` (the figures) PostgreSQL plans each statement for its own values, not with the
    generic plan of a prepared statement (decision 0034); nested blocks keep it, and the connection goes back to the
    server's choice after the outermost one. SQLite has no plan cache: nothing is set."""
    from danvan.core.db_router import reporting_reads

    def mode() -> str | None:
        return setting("SHOW plan_cache_mode") if connection.vendor == "postgresql" else None

    outside = mode()
    with reporting_reads():
        inside = mode()
        with reporting_reads():
            nested = mode()
        after_nested = mode()
    if connection.vendor == "postgresql":
        assert (outside, inside, nested, after_nested, mode()) == ("auto", *["force_custom_plan"] * 3, "auto")
    else:
        assert {outside, inside, nested, after_nested, mode()} == {None}
