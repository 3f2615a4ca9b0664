"""The public ranking's threshold as a rule an administrator edits: a unit is ranked only with at least this many
reports whose outcome is known in the period (answered, or open past their due date)."""

import datetime as dt

from django.db import migrations

CODE = "feedback.ranking_min_reports"


def seed(apps, schema_editor):
    apps.get_model("core", "LegalRule").objects.update_or_create(
        code=CODE,
        valid_from=dt.date(2023, 7, 1),
        defaults={
            "name": "Số phản ánh tối thiểu (đã trả lời hoặc đã quá hạn) để đơn vị được xếp hạng",
            "value": 5,
            "value_unit": "report",
            "day_kind": "none",
            "legal_basis": "Quy chế vận hành kênh phản ánh (mặc định của danvan; đơn vị sửa theo quy chế của mình)",
            "confidence": "read",
            "note": "Tránh xếp hạng đơn vị chỉ có một, hai phản ánh (tỷ lệ 0% hoặc 100% không nói lên điều gì).",
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("core", "LegalRule").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_seed_categories_and_rules")]

    operations = [migrations.RunPython(seed, unseed)]
