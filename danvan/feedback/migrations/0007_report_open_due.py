from django.db import migrations, models

from danvan.core.migration_ops import AddIndexOnline

# The reports' figures read "open past the due date today" from the month cube but for the reports due this month,
# found by this index (decision 0037). Built online: a province's reports are a big table.


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('feedback', '0006_report_place_counts'),
    ]

    operations = [
        AddIndexOnline(
            model_name='report',
            index=models.Index(
                condition=models.Q(('is_open', True)), fields=['province_code', 'due_on'], name='report_open_due'
            ),
        ),
    ]
