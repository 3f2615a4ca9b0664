"""Whether heads may delegate their periodic reception to a deputy: yes until 30/06/2026, no from 01/07/2026."""

import datetime as dt

from django.db import migrations

BASIS = "Luật Tiếp công dân 42/2013/QH13, Điều 12–18; Luật 136/2025/QH15 (hiệu lực 01/07/2026)"
ROWS = [
    dict(value=1, valid_from=dt.date(2014, 7, 1), valid_to=dt.date(2026, 6, 30), confidence="read"),
    dict(value=0, valid_from=dt.date(2026, 7, 1), valid_to=None, confidence="2nd"),
]


def seed(apps, schema_editor):
    LegalRule = apps.get_model("core", "LegalRule")
    for row in ROWS:
        LegalRule.objects.update_or_create(
            code="reception.head_may_delegate",
            valid_from=row["valid_from"],
            defaults={
                "name": "Người đứng đầu được ủy quyền cấp phó tiếp công dân định kỳ (1 = được, 0 = không)",
                "value": row["value"],
                "day_kind": "none",
                "value_unit": "flag",
                "legal_basis": BASIS,
                "confidence": row["confidence"],
                "valid_to": row["valid_to"],
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("core", "LegalRule").objects.filter(code="reception.head_may_delegate").delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_seed_pick_lists_and_rules")]

    operations = [migrations.RunPython(seed, unseed)]
