"""PostgreSQL: prefix searches on unit paths (``unit_path LIKE 'C/66/%'``) need ``text_pattern_ops`` indexes.

Under a non-C collation PostgreSQL cannot use the plain b-tree ``case_scope_received`` for LIKE prefixes and scans
the whole case table (≈ 500 ms for a province-year over a million cases; 150–200 ms with these). SQLite uses the
plain indexes, so it gets nothing here. Also the duplicate look-ups' folded search column gets a trigram index.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE INDEX IF NOT EXISTS case_scope_received_pattern ON cases_case (unit_path text_pattern_ops, received_on)",
    "CREATE INDEX IF NOT EXISTS visit_scope_day_pattern ON cases_visit (unit_path text_pattern_ops, visited_on)",
    "CREATE INDEX IF NOT EXISTS session_scope_day_pattern ON cases_receptionsession (unit_path text_pattern_ops, held_on)",
    "CREATE INDEX IF NOT EXISTS case_search_trgm ON cases_case USING gin (search_text gin_trgm_ops)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS case_scope_received_pattern",
    "DROP INDEX IF EXISTS visit_scope_day_pattern",
    "DROP INDEX IF EXISTS session_scope_day_pattern",
    "DROP INDEX IF EXISTS case_search_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_rule_head_may_delegate"), ("core", "0002_search_indexes_and_audit_guard")]

    operations = [migrations.RunPython(_run(PG_FORWARD), _run(PG_BACKWARD))]
