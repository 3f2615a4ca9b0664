"""Migrations on big tables do not lock writes on PostgreSQL (issue 10; danvan.core.migration_ops).

Every migration written from issue 10 on is walked: an index or constraint added to or removed from a big table
must use the online operations (``AddIndexOnline``, ``RemoveIndexOnline``, ``AddCheckConstraintOnline``) in a
non-atomic migration, or the migration says why it may lock (``lock_waiver``). Raw SQL that builds an index must
say ``CONCURRENTLY``. The migrations applied before the rule are listed here and not rewritten: they have run on
every database already, and rewriting them would change nothing there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest
from django.apps import apps
from django.contrib.postgres.operations import NotInTransactionMixin
from django.db import connection, migrations, models
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState

from danvan.core.migration_ops import BIG_TABLES, AddCheckConstraintOnline, AddIndexOnline, RemoveIndexOnline

BEFORE_RULE = {
    "accounts": {"0001_initial", "0002_initial"},
    "cases": {
        "0001_initial",
        "0002_seed_pick_lists_and_rules",
        "0003_rule_head_may_delegate",
        "0004_postgres_path_prefix_indexes",
        "0005_list_index_and_fewer_fk_indexes",
        "0006_deadline_state_computed_and_notices",
        "0007_fewer_indexes_on_cases",
        "0008_cosigner_keys",
        "0009_list_index_covers_the_filters",
        "0010_ground_and_criterion_verification",
        "0011_law_2026_clean_citations",
        "0012_submission_fingerprint",
    },
    "core": {
        "0001_initial",
        "0002_search_indexes_and_audit_guard",
        "0003_seed_org_kinds",
        "0004_seed_calendar_and_rules",
        "0005_rule_and_notice_verification",
        "0006_law_2026_calendar_and_rules",
    },
    "initiatives": {
        "0001_initial",
        "0002_seed_fields_and_authorities",
        "0003_year_field_index",
        "0004_initiative_self_assessment",
    },
}
ONLINE = (AddIndexOnline, RemoveIndexOnline, AddCheckConstraintOnline)
LOCKING_INDEX_SQL = re.compile(r"\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY\b)", re.IGNORECASE)
LOCKING_CONSTRAINT_SQL = re.compile(r"\bADD\s+CONSTRAINT\b(?![^;]*\bNOT\s+VALID\b)", re.IGNORECASE | re.DOTALL)


def _database_operations(operations: Iterable[migrations.operations.base.Operation]) -> Iterator:
    for operation in operations:
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            yield from _database_operations(operation.database_operations)
        else:
            yield operation


def _sql_texts(operation: migrations.RunSQL) -> Iterator[str]:
    sql = operation.sql if isinstance(operation.sql, list | tuple) else [operation.sql]
    for statement in sql:
        yield statement[0] if isinstance(statement, list | tuple) else str(statement)


def _builds_index(field: models.Field) -> bool:
    return bool(getattr(field, "db_index", False) or field.unique) and not field.primary_key


def violations(app_label: str, migration: migrations.Migration) -> list[str]:
    """What in ``migration`` would lock a big table's writes on PostgreSQL (empty when it does not, or is waived)."""
    if getattr(migration, "lock_waiver", ""):
        return []
    found = []
    where = f"{app_label}.{migration.name}"
    for operation in _database_operations(migration.operations):
        if isinstance(operation, NotInTransactionMixin | AddCheckConstraintOnline) and migration.atomic:
            found.append(f"{where}: {type(operation).__name__} needs `atomic = False` on the migration")
        if isinstance(operation, migrations.RunSQL):
            for sql in _sql_texts(operation):
                if LOCKING_INDEX_SQL.search(sql) or LOCKING_CONSTRAINT_SQL.search(sql):
                    found.append(f"{where}: raw SQL builds an index or constraint without CONCURRENTLY/NOT VALID")
            continue
        model = getattr(operation, "model_name_lower", None) or str(getattr(operation, "name", "")).lower()
        if (app_label, model) not in BIG_TABLES or isinstance(operation, ONLINE):
            continue
        locks = isinstance(
            operation,
            migrations.AddIndex
            | migrations.RemoveIndex
            | migrations.RenameIndex
            | migrations.AddConstraint
            | migrations.AlterUniqueTogether
            | migrations.AlterIndexTogether,
        ) or (isinstance(operation, migrations.AddField | migrations.AlterField) and _builds_index(operation.field))
        if locks:
            found.append(f"{where}: {operation.describe()} locks writes on PostgreSQL; use danvan.core.migration_ops")
    return found


def test_no_new_migration_locks_a_big_table():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    found = []
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        if not type(migration).__module__.startswith("danvan.") or name in BEFORE_RULE.get(app_label, set()):
            continue
        found += violations(app_label, migration)
    assert not found, "\n".join(found)


def _migration(*operations, atomic: bool = True, waiver: str = "") -> migrations.Migration:
    """A migration as a file would declare it: a class with ``operations``, ``atomic`` and maybe ``lock_waiver``."""
    attributes = {"operations": list(operations), "atomic": atomic, **({"lock_waiver": waiver} if waiver else {})}
    return type("Migration", (migrations.Migration,), attributes)("0099_test", "cases")


def test_the_check_finds_what_locks_and_accepts_what_does_not():
    index = models.Index(fields=["title"], name="case_title_idx")
    assert violations("cases", _migration(migrations.AddIndex("case", index)))
    assert violations("core", _migration(migrations.AddIndex("auditentry", index)))
    assert violations(
        "cases", _migration(migrations.AddField("case", "extra", models.CharField(max_length=9, db_index=True)))
    )
    wrapped = migrations.SeparateDatabaseAndState(
        database_operations=[migrations.RemoveIndex("case", "case_title_idx")]
    )
    assert violations("cases", _migration(wrapped))
    assert violations("cases", _migration(migrations.RunSQL("CREATE INDEX x ON cases_case (title)")))
    assert violations("cases", _migration(AddIndexOnline("case", index)))  # atomic: refused
    assert not violations("cases", _migration(AddIndexOnline("case", index), atomic=False))
    assert not violations(
        "cases", _migration(migrations.RunSQL("CREATE INDEX CONCURRENTLY x ON cases_case (title)"), atomic=False)
    )
    assert not violations("cases", _migration(migrations.AddIndex("case", index), waiver="added at night, table empty"))
    assert not violations("cases", _migration(migrations.AddIndex("rule", index)))  # a small table


def _index_names(table: str) -> set[str]:
    """Names of the table's indexes and constraints (SQLite: read from its schema text, which Django's
    introspection cannot parse for this table)."""
    with connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            return set(connection.introspection.get_constraints(cursor, table))
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = %s", [table])
        rows = cursor.fetchall()
    table_sql = " ".join(sql or "" for name, sql in rows if name == table)
    return {name for name, _sql in rows} | set(re.findall(r'CONSTRAINT "([^"]+)"', table_sql))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_online_operations_work_on_this_engine():
    """Applied and reversed for real, outside a transaction (as in a non-atomic migration); refused inside one."""
    before = ProjectState.from_apps(apps)
    after = before.clone()
    add = AddIndexOnline("case", models.Index(fields=["title", "received_on"], name="case_title_online_idx"))
    add.state_forwards("cases", after)
    with connection.schema_editor(atomic=False) as editor:
        add.database_forwards("cases", editor, before, after)
    assert "case_title_online_idx" in _index_names("cases_case")

    removed = after.clone()
    remove = RemoveIndexOnline("case", "case_title_online_idx")
    remove.state_forwards("cases", removed)
    with connection.schema_editor(atomic=False) as editor:
        remove.database_forwards("cases", editor, after, removed)
    assert "case_title_online_idx" not in _index_names("cases_case")

    check = AddCheckConstraintOnline(
        "case", models.CheckConstraint(condition=models.Q(version__gte=1), name="case_version_positive_online")
    )
    checked = before.clone()
    check.state_forwards("cases", checked)
    with connection.schema_editor(atomic=False) as editor:
        check.database_forwards("cases", editor, before, checked)
    assert "case_version_positive_online" in _index_names("cases_case")
    with connection.schema_editor(atomic=False) as editor:
        check.database_backwards("cases", editor, checked, before)
    assert "case_version_positive_online" not in _index_names("cases_case")

    with pytest.raises(Exception, match=r"transaction|atomic"), connection.schema_editor(atomic=True) as editor:
        add.database_forwards("cases", editor, before, after)
