"""The raised items of year-end meetings and dialogues become the recommendations of the one tracker
(docs/decisions/0023): the same rows, renamed."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0006_law_2026_calendar_and_rules"),
        ("democracy", "0010_decisions_overdue_told"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("RaisedItem", "Recommendation"),
        migrations.AddField(
            model_name="recommendation",
            name="source",
            field=models.CharField(default="year_end_meeting", max_length=20, verbose_name="nguồn"),
            preserve_default=False,
        ),
    ]
