from django.db import migrations, models

import danvan.cases.models
from danvan.core.migration_ops import AddIndexOnline

# The reports' today's states read from the petitions only those of this month (an event on or after its first day,
# or a deadline in its bucket); every other petition's state comes from the month cube (docs/reporting.md). Built
# online: the cases table is one of the big ones (docs/decisions/0017).


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('cases', '0015_case_case_place_counts'),
    ]

    operations = [
        AddIndexOnline(
            model_name='case',
            index=models.Index(models.F('province_code'), danvan.cases.models.LatestEventOn(), name='case_latest_event'),
        ),
        AddIndexOnline(
            model_name='case',
            index=models.Index(fields=['province_code', 'due_on'], name='case_province_due'),
        ),
    ]
