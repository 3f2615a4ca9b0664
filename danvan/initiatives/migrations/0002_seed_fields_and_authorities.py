"""The four standard fields (DOMAIN.md §3) and who recognizes initiatives of each level.

Fields and authorities are data: a province adds "Nông thôn mới" or changes who recognizes
what in the admin. The recognition levels follow the seeds: commune units propose, the level
above recognizes (since 1/7/2025 the level above a commune is the province).
"""

import datetime as dt

from django.db import migrations

FIELDS = [
    ("economy", "Kinh tế", True),
    ("culture_society", "Văn hóa – xã hội", True),
    ("defense_security", "Quốc phòng – an ninh", True),
    ("party_building", "Xây dựng Đảng và hệ thống chính trị", True),
    ("new_rural", "Xây dựng nông thôn mới", False),
]

BASIS = "Hướng dẫn của Ban Chỉ đạo phong trào thi đua “Dân vận khéo” tỉnh (thẩm quyền công nhận theo cấp)"
# initiative level, recognizing unit level (1 = province, 3 = commune)
AUTHORITIES = [("village", 3), ("commune", 1), ("district", 1), ("province", 1)]


def seed(apps, schema_editor):
    Field = apps.get_model("initiatives", "Field")
    RecognitionAuthority = apps.get_model("initiatives", "RecognitionAuthority")
    for order, (code, name, active) in enumerate(FIELDS, start=1):
        Field.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order * 10, "is_active": active})
    for level, recognizer in AUTHORITIES:
        RecognitionAuthority.objects.get_or_create(
            initiative_level=level, valid_from=dt.date(2025, 7, 1),
            defaults={"recognizer_level": recognizer, "legal_basis": BASIS},
        )


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
