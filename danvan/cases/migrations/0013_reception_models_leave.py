"""Reception's models leave ``cases`` (decision 0013): ``reception.0001`` took them over with their tables, so
here only Django's picture changes — nothing is done to the database. ``Case.visit`` now points at
``reception.Visit`` (the same table, ``cases_visit``)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_submission_fingerprint"),
        ("reception", "0001_move_models_from_cases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="visit",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cases",
                        to="reception.visit",
                    ),
                ),
                migrations.DeleteModel(name="VisitPerson"),
                migrations.DeleteModel(name="Visit"),
                migrations.DeleteModel(name="ReceptionSession"),
            ],
        ),
    ]
