"""Fewer indexes on the wide case table, each of which every moved due date and every transition pays for.

- The trigram index on ``search_text`` (PostgreSQL) is dropped: it was half the cost of re-applying a new day off
  to 132,000 open cases (85 s → 41 s at a million cases), and list searches run inside the officer's units,
  where the list and scope indexes find the rows and the few thousand texts are scanned faster than the trigram
  bitmaps of common syllables ("moi", "dat") are built.
- Django's ``varchar_pattern_ops`` twin of the unique ``submission_key`` (PostgreSQL): nobody searches keys by
  prefix.
- The plain index on ``assignee``: ``case_assignee_open (assignee, is_open)`` serves every look-up by handler.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TRIGRAM = "CREATE INDEX IF NOT EXISTS case_search_trgm ON cases_case USING gin (search_text gin_trgm_ops)"
LIKE_TWIN = "cases_case_submission_key_%_like"


def drop_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS case_search_trgm")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'cases_case' AND indexname LIKE %s", [LIKE_TWIN]
        )
        names = [row[0] for row in cursor.fetchall()]
    for name in names:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def restore_postgres_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(TRIGRAM)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS cases_case_submission_key_like "
        "ON cases_case (submission_key varchar_pattern_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_deadline_state_computed_and_notices"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="assignee",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="cán bộ xử lý",
            ),
        ),
        migrations.RunPython(drop_postgres_indexes, restore_postgres_indexes),
    ]
