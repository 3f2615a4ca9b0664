from django.db import migrations, models

from danvan.core.migration_ops import AddIndexOnline

# The unanswered recommendations by due date (the few items the month cube cannot tell overdue today from not).
# Built online: the recommendations table is one of the big ones (docs/decisions/0017).


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('democracy', '0022_recommendation_month_cube'),
    ]

    operations = [
        AddIndexOnline(
            model_name='recommendation',
            index=models.Index(condition=models.Q(('answered_on__isnull', True)), fields=['province_code', 'due_on', 'unit_path', 'raised_on', 'reraised_from'], name='recommendation_unanswered_due'),
        ),
    ]
