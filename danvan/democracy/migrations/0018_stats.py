"""Statistics and issue 11 leftovers:

- the province disclosure board's covering index starts with the province and the issue date, so a board for one
  year (``?year=``) is a range of the index, still read from the index alone;
- PostgreSQL: the ranking of bodies reads the recommendations addressed under a unit path
  (``addressee_path LIKE 'C/66/%'``), which needs a ``text_pattern_ops`` index under a linguistic collation
  (SQLite answers the prefix from ``recommendation_addressed`` through the range ``core.subtree`` adds).
"""

from django.db import migrations, models

PATTERN_INDEX = (
    "CREATE INDEX IF NOT EXISTS recommendation_addressed_pattern "
    "ON democracy_recommendation (addressee_path text_pattern_ops, raised_on)"
)


def create_pattern_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PATTERN_INDEX)


def drop_pattern_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS recommendation_addressed_pattern")


class Migration(migrations.Migration):
    dependencies = [
        ("democracy", "0017_contacts"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="disclosure", name="disclosure_board"),
        migrations.AddIndex(
            model_name="disclosure",
            index=models.Index(
                fields=[
                    "province_code",
                    "issued_on",
                    "unit_id",
                    "status",
                    "is_late",
                    "is_too_short",
                    "lacks_portal",
                    "is_taken_down",
                    "lacks_loudspeaker",
                    "unit_path",
                ],
                name="disclosure_board",
            ),
        ),
        migrations.RunPython(create_pattern_index, drop_pattern_index, elidable=False),
    ]
