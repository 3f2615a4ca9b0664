"""The report categories (Open311 services) and the channel's rules, as data an administrator edits."""

import datetime as dt

from django.db import migrations

NĐ20 = "NĐ 20/2008/NĐ-CP về tiếp nhận, xử lý phản ánh, kiến nghị"
LAW35 = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 35.2.a"
HOUSE = "Quy chế vận hành kênh phản ánh (mặc định của danvan; đơn vị sửa theo quy chế của mình)"

CASE_FIELD = {
    "Hạ tầng giao thông": "xay-dung-do-thi",
    "Môi trường": "moi-truong",
    "Trật tự đô thị": "xay-dung-do-thi",
    "An ninh, trật tự": "an-ninh-trat-tu",
    "Đời sống dân cư": "chinh-sach-xa-hoi",
}

# code, name, English name, group, icon, keywords, answer working days, anonymous allowed, handling body kind
CATEGORIES = [
    ("road_damage", "Hư hỏng đường, cầu, vỉa hè", "Damaged road, bridge or pavement", "Hạ tầng giao thông", "🛣️",
     "ổ gà, sụt lún, vỡ đường, cầu hỏng, vỉa hè", 7, True, "peoples_committee"),
    ("flooding", "Ngập úng, thoát nước", "Flooding and drainage", "Hạ tầng giao thông", "🌊",
     "ngập, ngập nước, cống, tắc cống, thoát nước", 5, True, "peoples_committee"),
    ("street_lighting", "Đèn chiếu sáng công cộng", "Street lighting", "Hạ tầng giao thông", "💡",
     "đèn đường, mất điện chiếu sáng, cột đèn", 5, True, "peoples_committee"),
    ("waste", "Rác thải, vệ sinh môi trường", "Waste and cleanliness", "Môi trường", "🗑️",
     "rác, xả rác, bãi rác, vệ sinh", 5, True, "peoples_committee"),
    ("pollution", "Ô nhiễm không khí, nguồn nước, tiếng ồn", "Air, water or noise pollution", "Môi trường", "🏭",
     "ô nhiễm, khói, mùi hôi, tiếng ồn, nước thải", 10, True, "peoples_committee"),
    ("trees", "Cây xanh gãy đổ, nguy hiểm", "Fallen or dangerous trees", "Môi trường", "🌳",
     "cây đổ, cây gãy, cành cây", 3, True, "peoples_committee"),
    ("construction_order", "Trật tự xây dựng", "Unauthorised construction", "Trật tự đô thị", "🏗️",
     "xây dựng trái phép, không phép, lấn chiếm", 10, True, "peoples_committee"),
    ("sidewalk_encroachment", "Lấn chiếm lòng đường, vỉa hè", "Encroachment on roads and pavements",
     "Trật tự đô thị", "🚧", "lấn chiếm, buôn bán vỉa hè, đậu xe", 5, True, "peoples_committee"),
    ("public_order", "An ninh, trật tự", "Public order and security", "An ninh, trật tự", "🚨",
     "gây rối, trộm cắp, tụ tập, đánh nhau", 3, True, "police"),
    ("traffic_safety", "An toàn giao thông", "Traffic safety", "An ninh, trật tự", "🚦",
     "tai nạn, biển báo, đèn tín hiệu, đua xe", 5, True, "police"),
    ("administrative_procedures", "Quy định hành chính, thủ tục hành chính", "Administrative regulations and "
     "procedures", "Hành chính công", "📄", "thủ tục, hồ sơ, cán bộ, một cửa, chậm trễ", 10, False,
     "peoples_committee"),
    ("social_policy", "Chính sách xã hội, an sinh", "Social policy and welfare", "Đời sống dân cư", "🤝",
     "trợ cấp, hộ nghèo, chính sách, người có công", 10, False, "peoples_committee"),
    ("community_life", "Đời sống khu dân cư, đoàn kết cộng đồng", "Community life", "Đời sống dân cư", "🏘️",
     "khu dân cư, mâu thuẫn, hòa giải, thôn, tổ dân phố", 10, True, "fatherland_front"),
    ("other", "Phản ánh khác", "Other", "Khác", "💬", "khác", 10, True, "peoples_committee"),
]

RULES = [
    ("feedback.reopen_days", "Thời gian người dân được mở lại phản ánh sau khi có trả lời", 30, "day", "calendar"),
    ("feedback.nearby_radius_m", "Bán kính tìm phản ánh trùng gần đó", 250, "metre", "none"),
    ("feedback.max_photos", "Số ảnh tối đa mỗi phản ánh", 5, "photo", "none"),
    ("feedback.rate_ip_per_hour", "Số phản ánh tối đa từ một địa chỉ IP mỗi giờ", 20, "report", "none"),
    ("feedback.rate_phone_per_day", "Số phản ánh tối đa từ một số điện thoại mỗi ngày", 10, "report", "none"),
    ("feedback.due_soon_warning", "Cảnh báo phản ánh sắp đến hạn trả lời", 1, "day", "working"),
]


def seed(apps, schema_editor):
    Category = apps.get_model("feedback", "Category")
    OrgKind = apps.get_model("core", "OrgKind")
    LegalRule = apps.get_model("core", "LegalRule")
    Field = apps.get_model("cases", "Field")
    kinds = {kind.code: kind for kind in OrgKind.objects.all()}
    fields = {field.code: field for field in Field.objects.all()}
    for order, (code, name, name_en, group, icon, keywords, days, anonymous, kind) in enumerate(CATEGORIES, 1):
        Category.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "group": group,
                "icon": icon,
                "keywords": keywords,
                "answer_days": days,
                "allows_anonymous": anonymous,
                "handler_kind": kinds[kind],
                "case_field": fields[CASE_FIELD.get(group, "khac")],
                "sort_order": order * 10,
                "legal_basis": NĐ20 if code == "administrative_procedures" else LAW35,
            },
        )
    for code, name, value, unit, day_kind in RULES:
        LegalRule.objects.update_or_create(
            code=code,
            valid_from=dt.date(2023, 7, 1),
            defaults={
                "name": name,
                "value": value,
                "value_unit": unit,
                "day_kind": day_kind,
                "legal_basis": f"{LAW35}; {HOUSE}",
                "confidence": "read",
                "note": "Mức do đơn vị đặt theo quy chế tiếp nhận phản ánh, kiến nghị của mình.",
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("feedback", "Category").objects.filter(code__in=[row[0] for row in CATEGORIES]).delete()
    apps.get_model("core", "LegalRule").objects.filter(code__in=[row[0] for row in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial"), ("core", "0003_seed_org_kinds"), ("cases", "0002_seed_pick_lists_and_rules")]

    operations = [migrations.RunPython(seed, unseed)]
