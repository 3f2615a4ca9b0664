"""The list index covers every column the list filters and sorts on; the sweep's index asks for a handler.

At a million cases SQLite answered a province leader's "overdue denunciations" by reading 30,000 wide rows
(80–100 ms) and "due soon, one field" by walking the whole country's week of due dates (300 ms); with these, a few
milliseconds from the index alone. See docs/decisions/0009.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_cosigner_keys'),
        ('core', '0004_seed_calendar_and_rules'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='case_due_open',
        ),
        migrations.RemoveIndex(
            model_name='case',
            name='case_list_kind_due',
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('assignee__isnull', False), ('is_open', True)), fields=['due_on', 'assignee', 'id'], name='case_due_open'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['unit_path', 'kind', 'due_on', 'is_open', 'field', 'received_on'], name='case_list_scope', opclasses=['text_pattern_ops', 'text_pattern_ops', 'date_ops', 'bool_ops', 'int8_ops', 'date_ops']),
        ),
    ]
