"""PostgreSQL search indexes and an append-only guard on the audit trail.

On PostgreSQL the folded shadow columns get trigram GIN indexes (pg_trgm), so
``LIKE '%dong xuan%'`` is an index scan; unaccent is installed for ad-hoc SQL.
On both engines, triggers refuse UPDATE and DELETE of audit entries.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX IF NOT EXISTS unit_search_trgm ON core_administrativeunit USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS organization_search_trgm ON core_organization USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS unit_path_pattern ON core_administrativeunit (path text_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS audit_unit_path_pattern ON core_auditentry (unit_path text_pattern_ops)",
    """
    CREATE OR REPLACE FUNCTION danvan_audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit entries are append-only';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION danvan_audit_append_only()
    """,
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS audit_append_only ON core_auditentry",
    "DROP FUNCTION IF EXISTS danvan_audit_append_only()",
    "DROP INDEX IF EXISTS unit_search_trgm",
    "DROP INDEX IF EXISTS organization_search_trgm",
    "DROP INDEX IF EXISTS unit_path_pattern",
    "DROP INDEX IF EXISTS audit_unit_path_pattern",
]
SQLITE_FORWARD = [
    """
    CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END
    """,
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
