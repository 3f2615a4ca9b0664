"""Pick-lists the law enumerates, and the two service-level rules the case engine needs.

Texts follow the laws as we read them (DOMAIN.md §4–5); rows whose wording we could not check against the
original are marked "[chưa kiểm chứng nguyên văn]" in their legal basis, for the administrator to correct.
"""

import datetime as dt

from django.db import migrations

FIELDS = [
    ("dat-dai", "Đất đai"),
    ("boi-thuong-gpmb", "Bồi thường, hỗ trợ, tái định cư, giải phóng mặt bằng"),
    ("chinh-sach-xa-hoi", "Chính sách xã hội, người có công"),
    ("xay-dung-do-thi", "Xây dựng, trật tự đô thị"),
    ("moi-truong", "Tài nguyên, môi trường"),
    ("tu-phap-ho-tich", "Tư pháp, hộ tịch"),
    ("tai-chinh-ngan-sach", "Tài chính, ngân sách, thuế"),
    ("y-te-giao-duc", "Y tế, giáo dục"),
    ("can-bo", "Tư cách, đạo đức, lối sống cán bộ, đảng viên"),
    ("tham-nhung", "Tham nhũng, tiêu cực"),
    ("an-ninh-trat-tu", "An ninh, trật tự"),
    ("khac", "Lĩnh vực khác"),
]

UNVERIFIED = " [chưa kiểm chứng nguyên văn]"
RECEPTION = "Luật Tiếp công dân 42/2013/QH13, Điều 9"
COMPLAINT = "Luật Khiếu nại 02/2011/QH13, Điều 11"
DENUNCIATION = "Luật Tố cáo 25/2018/QH14"

GROUNDS = [
    ("reception", "tcd-say-mat-nang-luc", "Người say do dùng chất kích thích, người mắc bệnh làm mất khả năng nhận thức hoặc điều khiển hành vi", RECEPTION + ", khoản 1 điểm a"),
    ("reception", "tcd-de-doa-xuc-pham", "Người có hành vi đe dọa, xúc phạm cơ quan, người tiếp công dân hoặc vi phạm nội quy nơi tiếp công dân", RECEPTION + ", khoản 1 điểm b"),
    ("reception", "tcd-da-giai-quyet-dung", "Vụ việc đã được giải quyết đúng chính sách, pháp luật, đã được rà soát, thông báo bằng văn bản, đã được giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài", RECEPTION + ", khoản 1 điểm c"),
    ("reception", "tcd-truong-hop-khac", "Trường hợp khác theo quy định của pháp luật", RECEPTION + ", khoản 1 điểm d"),
    ("complaint", "kn-noi-bo-quy-pham", "Quyết định, hành vi trong nội bộ cơ quan nhà nước, chỉ đạo điều hành cấp trên với cấp dưới, có chứa quy phạm pháp luật hoặc thuộc bí mật nhà nước", COMPLAINT + ", khoản 1"),
    ("complaint", "kn-khong-lien-quan", "Quyết định, hành vi bị khiếu nại không liên quan trực tiếp đến quyền, lợi ích hợp pháp của người khiếu nại", COMPLAINT + ", khoản 2"),
    ("complaint", "kn-khong-nang-luc", "Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp", COMPLAINT + ", khoản 3"),
    ("complaint", "kn-dai-dien-khong-hop-phap", "Người đại diện không hợp pháp thực hiện khiếu nại", COMPLAINT + ", khoản 4"),
    ("complaint", "kn-khong-chu-ky", "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại", COMPLAINT + ", khoản 5"),
    ("complaint", "kn-het-thoi-hieu", "Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng", COMPLAINT + ", khoản 6"),
    ("complaint", "kn-da-giai-quyet-lan-hai", "Khiếu nại đã có quyết định giải quyết khiếu nại lần hai", COMPLAINT + ", khoản 7"),
    ("complaint", "kn-dinh-chi-qua-30-ngay", "Có văn bản thông báo đình chỉ giải quyết mà sau 30 ngày người khiếu nại không tiếp tục khiếu nại", COMPLAINT + ", khoản 8"),
    ("complaint", "kn-toa-an-thu-ly", "Việc khiếu nại đã được Tòa án thụ lý hoặc đã được giải quyết bằng bản án, quyết định của Tòa án", COMPLAINT + ", khoản 9"),
    ("denunciation", "tc-da-giai-quyet-khong-tinh-tiet-moi", "Vụ việc đã được giải quyết mà người tố cáo không cung cấp thông tin, tình tiết mới", DENUNCIATION + ", Điều 27 khoản 1"),
    ("denunciation", "tc-khong-co-co-so", "Nội dung, thông tin không có cơ sở để xác định người vi phạm, hành vi vi phạm pháp luật", DENUNCIATION + ", Điều 27 khoản 2"),
    ("denunciation", "tc-khong-du-dieu-kien-xac-minh", "Người có thẩm quyền không đủ điều kiện để kiểm tra, xác minh hành vi vi phạm, người vi phạm", DENUNCIATION + ", Điều 27 khoản 3"),
    ("denunciation", "tc-nac-danh", "Tố cáo nặc danh, không rõ họ tên, địa chỉ người tố cáo hoặc mạo danh (xem xét theo Điều 25)", DENUNCIATION + ", Điều 25, Điều 27"),
    ("any", "don-trung-lap", "Đơn trùng nội dung đã được cơ quan có thẩm quyền tiếp nhận, xử lý", "Thông tư 05/2021/TT-TTCP" + UNVERIFIED),
    ("any", "don-khong-ro-noi-dung", "Đơn không ghi rõ họ tên, địa chỉ người gửi hoặc nội dung không rõ ràng", "Thông tư 05/2021/TT-TTCP" + UNVERIFIED),
]

CRITERIA = [
    ("denunciation", "tc-nhieu-co-quan", "Nội dung tố cáo liên quan đến trách nhiệm của nhiều cơ quan, tổ chức, nhiều lĩnh vực quản lý"),
    ("denunciation", "tc-nhieu-noi-dung", "Tố cáo có nhiều nội dung hoặc nhiều người bị tố cáo"),
    ("denunciation", "tc-nhieu-noi", "Phải kiểm tra, xác minh ở nhiều địa phương, nhiều nơi"),
    ("denunciation", "tc-y-kien-khac-nhau", "Các cơ quan chức năng có ý kiến khác nhau về việc giải quyết"),
    ("denunciation", "tc-dong-nguoi", "Có nhiều người tố cáo về cùng một nội dung"),
    ("denunciation", "tc-nhieu-thoi-ky", "Nội dung liên quan đến quy định pháp luật của nhiều thời kỳ"),
    ("denunciation", "tc-giam-dinh", "Phải trưng cầu giám định hoặc có yếu tố nước ngoài"),
    ("complaint", "kn-nhieu-co-quan", "Liên quan đến thẩm quyền, trách nhiệm của nhiều cơ quan, tổ chức"),
    ("complaint", "kn-dong-nguoi", "Có nhiều người cùng khiếu nại về một nội dung"),
    ("complaint", "kn-nhieu-noi-dung", "Có nhiều nội dung khiếu nại"),
    ("complaint", "kn-nhieu-thoi-ky", "Liên quan đến chính sách, pháp luật của nhiều thời kỳ"),
    ("complaint", "kn-y-kien-khac-nhau", "Các cơ quan chức năng có ý kiến khác nhau"),
    ("complaint", "kn-nhieu-noi", "Phải xác minh ở nhiều nơi"),
    ("complaint", "kn-giam-dinh", "Phải trưng cầu giám định"),
]
CRITERIA_BASIS = {
    "denunciation": ("Nghị định 31/2019/NĐ-CP, Điều 3" + UNVERIFIED, dt.date(2019, 5, 28)),
    "complaint": ("Luật Khiếu nại sửa đổi, hiệu lực 01/07/2026" + UNVERIFIED, dt.date(2026, 7, 1)),
}

RULES = [
    dict(
        code="feedback.resolve",
        name="Xử lý, trả lời kiến nghị, phản ánh",
        value=10,
        day_kind="working",
        legal_basis="Quy chế của đơn vị (NĐ 20/2008/NĐ-CP không đặt thời hạn chung; các bộ đặt 05–10 ngày làm việc)",
        confidence="unsure",
        valid_from=dt.date(2008, 2, 14),
        note="Mức dịch vụ do từng cơ quan quy định; quản trị hệ thống sửa theo quy chế của đơn vị.",
    ),
    dict(
        code="case.due_soon_warning",
        name="Cảnh báo sắp đến hạn",
        value=3,
        day_kind="working",
        legal_basis="Quy chế làm việc của đơn vị (mặc định của danvan)",
        confidence="read",
        valid_from=dt.date(2000, 1, 1),
        note="Số ngày làm việc trước hạn mà hồ sơ được đánh dấu “sắp đến hạn”.",
    ),
]


def seed(apps, schema_editor):
    Field = apps.get_model("cases", "Field")
    RefusalGround = apps.get_model("cases", "RefusalGround")
    ComplexityCriterion = apps.get_model("cases", "ComplexityCriterion")
    LegalRule = apps.get_model("core", "LegalRule")
    for order, (code, name) in enumerate(FIELDS, start=1):
        Field.objects.update_or_create(code=code, defaults={"name": name, "sort_order": order * 10})
    for order, (scope, code, text, basis) in enumerate(GROUNDS, start=1):
        valid_from = dt.date(2014, 7, 1) if scope == "reception" else dt.date(2012, 7, 1)
        RefusalGround.objects.update_or_create(
            code=code,
            defaults={"scope": scope, "text": text, "legal_basis": basis, "valid_from": valid_from, "sort_order": order},
        )
    for order, (kind, code, text) in enumerate(CRITERIA, start=1):
        basis, valid_from = CRITERIA_BASIS[kind]
        ComplexityCriterion.objects.update_or_create(
            code=code,
            defaults={"kind": kind, "text": text, "legal_basis": basis, "valid_from": valid_from, "sort_order": order},
        )
    for rule in RULES:
        LegalRule.objects.update_or_create(code=rule["code"], valid_from=rule["valid_from"], defaults=rule)


def unseed(apps, schema_editor):
    apps.get_model("core", "LegalRule").objects.filter(code__in=[rule["code"] for rule in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("core", "0004_seed_calendar_and_rules")]

    operations = [migrations.RunPython(seed, unseed)]
