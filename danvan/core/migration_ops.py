"""Migration operations that do not lock writes on PostgreSQL, and run as the plain operation on SQLite.

The rule (docs/decisions/0017-replica-and-operations.md): from issue 10 on, a migration that adds or removes an
index or a constraint on one of the big tables (:data:`BIG_TABLES`: petitions, their history, reception visits,
the audit trail, initiatives, attachments, notifications) uses these operations — in a migration with
``atomic = False`` — or says why it may lock with ``lock_waiver = "…"`` on its ``Migration`` class.
``danvan/core/tests/test_migration_locks.py`` walks every migration and enforces it.

- :class:`AddIndexOnline` / :class:`RemoveIndexOnline`: ``CREATE/DROP INDEX CONCURRENTLY`` on PostgreSQL (reads
  and writes go on while the index builds), ``AddIndex`` / ``RemoveIndex`` on SQLite.
- :class:`AddCheckConstraintOnline`: on PostgreSQL ``ADD CONSTRAINT … NOT VALID`` (a brief lock, no scan), then
  ``VALIDATE CONSTRAINT`` in its own transaction (scans the table under a lock that lets writes through); a
  plain ``AddConstraint`` on SQLite.

A unique constraint on a big table is built as a unique index with :class:`AddIndexOnline`
(``models.Index(..., name=…)`` cannot be unique: use ``UniqueConstraint`` in a waived migration at a quiet hour,
or a ``RunSQL`` ``CREATE UNIQUE INDEX CONCURRENTLY``), which is why the check also reads raw SQL.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.operations import (
    AddConstraintNotValid,
    AddIndexConcurrently,
    RemoveIndexConcurrently,
)
from django.db.migrations.operations import AddConstraint, AddIndex, RemoveIndex

# (app label, model name) of the tables that grow with the country: a lock on them stops intake everywhere.
BIG_TABLES = frozenset(
    {
        ("cases", "case"),
        ("cases", "casetransition"),
        ("cases", "caseperson"),
        ("cases", "visit"),
        ("cases", "notification"),
        ("reception", "visit"),
        ("reception", "visitperson"),
        ("notifications", "notification"),
        ("core", "auditentry"),
        ("core", "attachment"),
        ("initiatives", "initiative"),
    }
)


def _on_postgresql(schema_editor: Any) -> bool:
    return schema_editor.connection.vendor == "postgresql"


class AddIndexOnline(AddIndexConcurrently):
    """``CREATE INDEX CONCURRENTLY`` on PostgreSQL, ``AddIndex`` elsewhere (the migration must be non-atomic)."""

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._ensure_not_in_transaction(schema_editor)  # on every engine, so a SQLite run finds the mistake too
        if _on_postgresql(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if _on_postgresql(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


class RemoveIndexOnline(RemoveIndexConcurrently):
    """``DROP INDEX CONCURRENTLY`` on PostgreSQL, ``RemoveIndex`` elsewhere (the migration must be non-atomic)."""

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        self._ensure_not_in_transaction(schema_editor)
        if _on_postgresql(schema_editor):
            super().database_forwards(app_label, schema_editor, from_state, to_state)
        else:
            RemoveIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if _on_postgresql(schema_editor):
            super().database_backwards(app_label, schema_editor, from_state, to_state)
        else:
            RemoveIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


class AddCheckConstraintOnline(AddConstraintNotValid):
    """A check constraint added ``NOT VALID`` and then validated on PostgreSQL; ``AddConstraint`` elsewhere.

    In a non-atomic migration each statement commits on its own, so the short ACCESS EXCLUSIVE lock of the
    ``ADD`` is released before the long ``VALIDATE`` (SHARE UPDATE EXCLUSIVE: writes go on)."""

    atomic = False

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.in_atomic_block:
            raise ValueError(
                f"AddCheckConstraintOnline of {self.constraint.name!r} needs a non-atomic migration (atomic = False)."
            )
        if not _on_postgresql(schema_editor):
            AddConstraint.database_forwards(self, app_label, schema_editor, from_state, to_state)
            return
        super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            table, name = schema_editor.quote_name(model._meta.db_table), schema_editor.quote_name(self.constraint.name)
            schema_editor.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}", params=None)

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.constraint.name.lower()}"
