from django.db import migrations, models

from danvan.core.migration_ops import AddIndexOnline, RemoveIndexOnline

# The visits' index by place and day, with every column the reports' counts read: a count of a province's visits
# reads the index alone. The new index first, then the old one dropped; both online (docs/decisions/0017).


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("reception", "0001_move_models_from_cases"),
    ]

    operations = [
        AddIndexOnline(
            model_name="visit",
            index=models.Index(fields=["unit_path", "visited_on", "persons", "is_group", "is_refused"], name="visit_counts"),
        ),
        RemoveIndexOnline(model_name="visit", name="visit_scope_day"),
    ]
