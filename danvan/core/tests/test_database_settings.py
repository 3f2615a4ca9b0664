"""The connection settings the app really opens, on the engine the suite runs on: PostgreSQL with statements bound
and prepared by the server and JIT off (decisions 0031, 0032); SQLite in WAL mode with foreign keys enforced (the
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
        assert options.get("server_side_binding") is True and options.get("prepare_threshold") == 2
    else:
        assert setting("PRAGMA foreign_keys") == "1"
        assert "journal_mode=WAL" in options["init_command"] and options["transaction_mode"] == "IMMEDIATE"
