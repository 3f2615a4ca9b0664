"""The 14 items of Art. 11 and the 10 forms of Art. 12.1 of Luật 10/2022/QH15 (in force 01/07/2023), as data."""

import datetime as dt

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15"
FROM = dt.date(2023, 7, 1)

# (number, code, name, posting, needs_loudspeaker)
ITEMS = [
    (1, "socio_economic_plans", "Kế hoạch phát triển kinh tế - xã hội, phương án chuyển dịch cơ cấu kinh tế và "
     "kết quả thực hiện", "minimum", False),
    (2, "budget", "Dự toán, quyết toán ngân sách xã; kết luận, kiến nghị kiểm toán", "minimum", False),
    (3, "land_and_projects", "Dự án, công trình đầu tư; thu hồi đất, bồi thường, hỗ trợ, tái định cư; quy hoạch, "
     "kế hoạch sử dụng đất", "minimum", False),
    (4, "democracy_regulation", "Quy chế thực hiện dân chủ ở cơ sở; nhiệm vụ, quyền hạn của cán bộ, công chức; "
     "quy tắc ứng xử", "permanent", False),
    (5, "community_funds", "Quỹ, khoản đóng góp của Nhân dân; việc huy động, quản lý và sử dụng", "minimum", False),
    (6, "public_assets", "Quản lý, sử dụng tài sản công", "minimum", False),
    (7, "social_support", "Chính sách hỗ trợ, an sinh xã hội và danh sách đối tượng được hưởng", "minimum", True),
    (8, "relief", "Cứu trợ thiên tai, dịch bệnh; tiền, hàng ủng hộ và việc phân phối", "minimum", True),
    (9, "call_up", "Danh sách gọi công dân nhập ngũ, thực hiện nghĩa vụ tham gia Công an nhân dân", "minimum", True),
    (10, "inspection_results", "Kết quả thanh tra, kiểm tra; vụ việc tiêu cực, tham nhũng; kết quả lấy phiếu tín "
     "nhiệm", "minimum", True),
    (11, "consultation_results", "Kế hoạch, kết quả lấy ý kiến Nhân dân", "minimum", True),
    (12, "fees_and_charges", "Phí, lệ phí và các khoản thu khác", "minimum", True),
    (13, "administrative_procedures", "Thủ tục hành chính và việc giải quyết thủ tục hành chính", "permanent", False),
    (14, "other", "Nội dung khác theo quy định của pháp luật, theo yêu cầu của cơ quan có thẩm quyền", "none", False),
]

# (order, code, name, kind, needs_place)
FORMS = [
    (1, "posting", "Niêm yết tại trụ sở, nhà văn hóa, điểm sinh hoạt cộng đồng", "posting", True),
    (2, "portal", "Đăng tải trên cổng, trang thông tin điện tử", "portal", False),
    (3, "loudspeaker", "Thông báo trên hệ thống loa truyền thanh", "loudspeaker", False),
    (4, "village_heads", "Thông qua trưởng thôn, tổ trưởng tổ dân phố", "other", False),
    (5, "letters", "Gửi văn bản đến Nhân dân", "other", False),
    (6, "meetings", "Thông báo tại hội nghị, cuộc họp", "other", False),
    (7, "reception", "Thông qua tiếp công dân, đối thoại", "other", False),
    (8, "mass_organizations", "Thông qua Mặt trận Tổ quốc và các tổ chức chính trị - xã hội", "other", False),
    (9, "social_networks", "Đăng trên mạng xã hội, nhóm tin nhắn của thôn, tổ dân phố", "other", False),
    (10, "other", "Hình thức khác theo quy định của pháp luật", "other", False),
]


def seed(apps, schema_editor):
    Item = apps.get_model("democracy", "DisclosureItem")
    Form = apps.get_model("democracy", "DisclosureForm")
    for number, code, name, posting, loudspeaker in ITEMS:
        Item.objects.update_or_create(
            code=code,
            defaults={
                "number": number,
                "sort_order": number,
                "name": name,
                "posting": posting,
                "needs_loudspeaker": loudspeaker,
                "valid_from": FROM,
                "legal_basis": f"{LAW}, Điều 11",
            },
        )
    for order, code, name, kind, needs_place in FORMS:
        Form.objects.update_or_create(
            code=code, defaults={"sort_order": order, "name": name, "kind": kind, "needs_place": needs_place}
        )


def unseed(apps, schema_editor):
    apps.get_model("democracy", "DisclosureItem").objects.filter(code__in=[row[1] for row in ITEMS]).delete()
    apps.get_model("democracy", "DisclosureForm").objects.filter(code__in=[row[1] for row in FORMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("democracy", "0004_disclosures")]

    operations = [migrations.RunPython(seed, unseed)]
