"""Seed the community decisions' data: the six matters (Art. 15), the forms allowed for each (Art. 17; NĐ 59
Art. 3–5) and the legal numbers this part adds to the kernel's (meeting notice, papers ahead, procedural
majority). Reversible: the reverse removes exactly these rows."""

import datetime as dt

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15"
DECREE = "Nghị định 59/2023/NĐ-CP"
FROM = dt.date(2023, 7, 1)
CHECK = "Đối chiếu sửa đổi năm 2024 và Luật 97/2025."

# code, name, threshold rule, comparison, documents ahead, recognizer, effect (village), effect (commune), basis
MATTERS = [
    ("1", "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng",
     "community_decision.matters_1_2_min_share", "at_least", True, "", "vote_day", "set_by_commune",
     f"{LAW}, Điều 15.1, 21"),
    ("2", "Việc thu, chi, quản lý các khoản đóng góp và quỹ của cộng đồng",
     "community_decision.matters_1_2_min_share", "at_least", True, "", "vote_day", "set_by_commune",
     f"{LAW}, Điều 15.2, 21"),
    ("3", "Hương ước, quy ước của cộng đồng",
     "community_decision.matters_3_6_share_above", "above", True, "peoples_committee", "recognition", "recognition",
     f"{LAW}, Điều 15.3, 21"),
    ("4", "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố",
     "community_decision.matters_3_6_share_above", "above", False, "peoples_committee", "recognition", "recognition",
     f"{LAW}, Điều 15.4, 21"),
    ("5", "Bầu, bãi nhiệm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng",
     "community_decision.matters_3_6_share_above", "above", False, "fatherland_front", "recognition", "recognition",
     f"{LAW}, Điều 15.5, 21"),
    ("6", "Các công việc tự quản khác trong nội bộ cộng đồng",
     "community_decision.matters_3_6_share_above", "above", False, "", "vote_day", "vote_day",
     f"{LAW}, Điều 15.6, 21"),
]
# matter, form, fallback only, needs consent, basis
FORMS = [
    ("1", "meeting", False, False, f"{LAW}, Điều 17"),
    ("1", "ballot", False, False, f"{LAW}, Điều 17, 19"),
    ("2", "meeting", False, False, f"{LAW}, Điều 17"),
    ("2", "ballot", False, False, f"{LAW}, Điều 17, 19"),
    ("3", "meeting", False, False, f"{LAW}, Điều 17"),
    ("3", "ballot", True, False, f"{LAW}, Điều 19.1.b"),
    ("4", "meeting", False, False, f"{LAW}, Điều 17"),
    ("4", "ballot", True, False, f"{LAW}, Điều 19.1.b"),
    ("5", "meeting", False, False, f"{LAW}, Điều 17"),
    ("5", "ballot", True, False, f"{LAW}, Điều 19.1.b"),
    ("6", "meeting", False, False, f"{LAW}, Điều 17"),
    ("6", "ballot", False, False, f"{LAW}, Điều 17, 19"),
    ("6", "online", False, True, f"{LAW}, Điều 17; {DECREE}, Điều 5"),
]
RULES = [
    ("community_decision.meeting_notice_min", "Gửi giấy mời họp (Mẫu 01) trước ngày họp (tối thiểu)", 2, "day",
     "calendar", f"{LAW}, Điều 18; {DECREE}, Điều 3", "Ngày tính ra là ngày sớm nhất được họp."),
    ("community_decision.documents_ahead_min", "Gửi tài liệu nội dung 1–3 đến hộ gia đình trước (tối thiểu)", 2,
     "day", "calendar", f"{LAW}, Điều 18", "Ngày tính ra là ngày sớm nhất được biểu quyết."),
    ("community_decision.meeting_procedure_share_above", "Tỷ lệ thông qua việc thủ tục tại hội nghị (trên số hộ có mặt)",
     50, "percent", "none", DECREE + ", Điều 3",
     "Cử thư ký, tổ kiểm phiếu, phương án biểu quyết: quá 50 % số hộ có mặt."),
]


def seed(apps, schema_editor):
    Matter = apps.get_model("democracy", "DecisionMatter")
    MatterForm = apps.get_model("democracy", "MatterForm")
    LegalRule = apps.get_model("core", "LegalRule")
    for order, (code, name, rule, comparison, ahead, recognizer, village, commune, basis) in enumerate(MATTERS, 1):
        Matter.objects.update_or_create(
            code=code,
            defaults={
                "sort_order": order,
                "name": name,
                "threshold_rule": rule,
                "threshold_comparison": comparison,
                "documents_ahead": ahead,
                "recognizer": recognizer,
                "effect_village": village,
                "effect_commune": commune,
                "legal_basis": basis,
            },
        )
    for code, form, fallback, consent, basis in FORMS:
        MatterForm.objects.update_or_create(
            matter=Matter.objects.get(code=code),
            form=form,
            valid_from=FROM,
            defaults={"fallback_only": fallback, "needs_consent": consent, "legal_basis": basis},
        )
    for code, name, value, unit, day_kind, basis, note in RULES:
        LegalRule.objects.update_or_create(
            code=code,
            valid_from=FROM,
            defaults={
                "name": name,
                "value": value,
                "value_unit": unit,
                "day_kind": day_kind,
                "legal_basis": basis,
                "confidence": "read",
                "note": note,
                "verification": CHECK,  # what is left to check is the administrators' (decision 0010)
            },
        )


def unseed(apps, schema_editor):
    alias = schema_editor.connection.alias
    codes = [m[0] for m in MATTERS]
    # Raw deletes: the collector of historical models trips over the matter's reverse relations. A matter that a
    # decision still cites is protected by the database (remove those decisions first).
    apps.get_model("democracy", "MatterForm").objects.filter(matter__code__in=codes)._raw_delete(alias)
    apps.get_model("democracy", "DecisionMatter").objects.filter(code__in=codes)._raw_delete(alias)
    apps.get_model("core", "LegalRule").objects.filter(code__in=[r[0] for r in RULES], valid_from=FROM).delete()


class Migration(migrations.Migration):
    dependencies = [("democracy", "0006_decisions"), ("core", "0006_law_2026_calendar_and_rules")]

    operations = [migrations.RunPython(seed, unseed)]
