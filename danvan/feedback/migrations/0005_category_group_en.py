"""The English name of each category group (the English pages show it, as they show the category's ``name_en``)."""

from django.db import migrations, models

GROUPS_EN = {
    "Hạ tầng giao thông": "Transport infrastructure",
    "Môi trường": "Environment",
    "Trật tự đô thị": "Urban order",
    "An ninh, trật tự": "Security and public order",
    "Hành chính công": "Public administration",
    "Đời sống dân cư": "Community life and welfare",
    "Khác": "Other",
}


def fill(apps, schema_editor):
    Category = apps.get_model("feedback", "Category")
    for group, group_en in GROUPS_EN.items():
        Category.objects.filter(group=group, group_en="").update(group_en=group_en)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0004_triage_outbox"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="group_en",
            field=models.CharField(blank=True, max_length=100, verbose_name="nhóm (tiếng Anh)"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
