from django.db import migrations, models

from danvan.core.migration_ops import AddIndexOnline, RemoveIndexOnline

# This month's petitions by deadline are many (open petitions' deadlines fall in the coming weeks): their states are
# read from an index with every column those read, not from the petitions' rows (decision 0036, addendum). The new
# index first, then the old one dropped; both online (docs/decisions/0017).


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('cases', '0016_case_latest_event'),
    ]

    operations = [
        AddIndexOnline(
            model_name='case',
            index=models.Index(
                fields=[
                    'province_code', 'due_on', 'received_on', 'unit_path', 'resolved_on', 'status', 'intake_closed_on',
                    'closed_on', 'accepted_on', 'handled_as_management', 'resolution_timeliness', 'intake_timeliness',
                    'due_step', 'suspended_on',
                ],
                name='case_due_counts',
            ),
        ),
        RemoveIndexOnline(model_name='case', name='case_province_due'),
    ]
