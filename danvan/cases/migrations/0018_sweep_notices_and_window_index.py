from django.db import migrations, models

from danvan.core.migration_ops import AddIndexOnline, RemoveIndexOnline

# The sweep records the calendar notices it saw, so the next one recomputes only the cases around the days whose
# notice changed, found by their window (started before the day, due from it on): the index by start and due date
# replaces the one by start alone (only the recomputation read it). The new index first, both online
# (docs/decisions/0017). Sweeps recorded before have no notices: the first sweep after this reads every open case.


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("cases", "0017_case_due_counts"),
    ]

    operations = [
        migrations.AddField(
            model_name="deadlinesweep",
            name="calendar_notices",
            field=models.JSONField(blank=True, default=dict),
        ),
        AddIndexOnline(
            model_name="case",
            index=models.Index(
                condition=models.Q(("is_open", True)), fields=["due_from", "due_on"], name="case_due_window_open"
            ),
        ),
        RemoveIndexOnline(model_name="case", name="case_due_from_open"),
    ]
