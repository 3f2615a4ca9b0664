from django.db import migrations, models

from danvan.core.migration_ops import AddIndexOnline, RemoveIndexOnline

# The list's filter index also holds, on PostgreSQL, the default order's keys (name, id): the page's keys and the
# count are then read from the index alone (core.pagination.page_rows; decision 0040). The new index first, both
# online (docs/decisions/0017). SQLite ignores INCLUDE: there the new index is the old one renamed.


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("initiatives", "0007_commendation_awarded"),
    ]

    operations = [
        AddIndexOnline(
            model_name="initiative",
            index=models.Index(
                fields=["year", "field", "search_text"], include=("name", "id"), name="initiative_year_field_page"
            ),
        ),
        RemoveIndexOnline(model_name="initiative", name="initiative_year_field_search"),
    ]
