"""The kinds of bodies of the political system, with their standard names.

Provinces and communes get one body of each kind whose pattern is set for
their level when units load; officers add the others (agencies, associations).
"""

from django.db import migrations

# code, name, English name, abbreviation, province pattern, commune pattern
ORG_KINDS = [
    ("party_committee", "Cấp ủy Đảng", "Party committee", "ĐU", "Tỉnh ủy {short}", "Đảng ủy {unit}"),
    ("mobilization_board", "Ban Dân vận", "Mass Mobilization Board", "BDV",
     "Ban Tuyên giáo và Dân vận Tỉnh ủy {short}", "Ban Dân vận Đảng ủy {unit}"),
    ("steering_committee", "Ban Chỉ đạo QCDC – Dân vận khéo", "Steering committee (grassroots democracy)", "BCĐ",
     "Ban Chỉ đạo QCDC – Dân vận khéo {unit}", "Ban Chỉ đạo QCDC – Dân vận khéo {unit}"),
    ("peoples_committee", "Ủy ban nhân dân", "People's Committee", "UBND",
     "Ủy ban nhân dân {unit}", "Ủy ban nhân dân {unit}"),
    ("peoples_council", "Hội đồng nhân dân", "People's Council", "HĐND",
     "Hội đồng nhân dân {unit}", "Hội đồng nhân dân {unit}"),
    ("fatherland_front", "Ủy ban MTTQ Việt Nam", "Fatherland Front committee", "MTTQ",
     "Ủy ban MTTQ Việt Nam {unit}", "Ủy ban MTTQ Việt Nam {unit}"),
    ("farmers_union", "Hội Nông dân", "Farmers' Union", "HND", "Hội Nông dân {unit}", "Hội Nông dân {unit}"),
    ("womens_union", "Hội Liên hiệp Phụ nữ", "Women's Union", "HLHPN",
     "Hội Liên hiệp Phụ nữ {unit}", "Hội Liên hiệp Phụ nữ {unit}"),
    ("youth_union", "Đoàn TNCS Hồ Chí Minh", "Youth Union", "ĐTN",
     "Tỉnh đoàn {short}", "Đoàn TNCS Hồ Chí Minh {unit}"),
    ("veterans_association", "Hội Cựu chiến binh", "Veterans' Association", "CCB",
     "Hội Cựu chiến binh {unit}", "Hội Cựu chiến binh {unit}"),
    ("trade_union", "Công đoàn", "Trade Union", "CĐ", "Liên đoàn Lao động {unit}", "Công đoàn {unit}"),
    ("police", "Công an", "Police", "CA", "Công an {unit}", "Công an {unit}"),
    ("military", "Cơ quan quân sự", "Military command", "CHQS",
     "Bộ Chỉ huy Quân sự {unit}", "Ban Chỉ huy Quân sự {unit}"),
    ("other_agency", "Cơ quan, đơn vị khác", "Other agency", "", "", ""),
]


def seed(apps, schema_editor):
    OrgKind = apps.get_model("core", "OrgKind")
    for order, (code, name, name_en, abbr, province_pattern, commune_pattern) in enumerate(ORG_KINDS, start=1):
        OrgKind.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "abbreviation": abbr,
                "province_name_pattern": province_pattern,
                "commune_name_pattern": commune_pattern,
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_indexes_and_audit_guard")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
