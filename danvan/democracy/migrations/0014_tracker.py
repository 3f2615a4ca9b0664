"""The recommendation tracker's own columns (docs/decisions/0023, docs/democracy/recommendations.md): an item
marked as a duplicate of another (the same matter raised at two events), and the folded text the inbox searches
(no diacritics), filled for the rows kept from issue 11. The deadline rules are seeded by 0013."""

import django.db.models.deletion
from django.db import migrations, models


def fill_search_text(apps, schema_editor):
    from danvan.core.text import fold

    Recommendation = apps.get_model("democracy", "Recommendation")
    for item in Recommendation.objects.all().only("pk", "content", "raised_by").iterator():
        Recommendation.objects.filter(pk=item.pk).update(search_text=fold(f"{item.content} {item.raised_by}"))


class Migration(migrations.Migration):

    dependencies = [
        ("democracy", "0013_recommendation_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="recommendation",
            name="duplicate_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="duplicates",
                to="democracy.recommendation",
                verbose_name="trùng với kiến nghị",
            ),
        ),
        migrations.AddField(
            model_name="recommendation",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
