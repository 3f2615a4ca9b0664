"""Seed the pick-lists of consultations: the items people give opinions on (Luật 10/2022 Art. 25) and the forms
in which opinions are taken (Art. 26). Data, editable in the admin; the wording follows the law as first enacted
(in force 01/7/2023) — check it against the 2024/2025 amendments before relying on it."""

import datetime as dt

from django.db import migrations

LAW = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15"
FROM = dt.date(2023, 7, 1)

ITEMS = [
    ("ke-hoach-kinh-te-xa-hoi", "Dự thảo kế hoạch phát triển kinh tế – xã hội của cấp xã; phương án chuyển dịch cơ cấu kinh tế, cơ cấu sản xuất"),
    ("quy-hoach-su-dung-dat", "Dự thảo quy hoạch, kế hoạch sử dụng đất và phương án điều chỉnh có liên quan đến cấp xã"),
    ("quy-hoach-xay-dung", "Dự thảo quy hoạch xây dựng, quy hoạch chi tiết khu dân cư, điểm dân cư nông thôn trên địa bàn xã"),
    ("du-an-dau-tu", "Chủ trương, dự án đầu tư có tác động lớn đến môi trường, sinh kế, cuộc sống của cộng đồng dân cư"),
    ("don-vi-hanh-chinh", "Đề án thành lập, giải thể, nhập, chia, điều chỉnh địa giới đơn vị hành chính; đặt, đổi tên"),
    ("boi-thuong-tai-dinh-cu", "Phương án bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất trên địa bàn"),
    ("chinh-sach-cong-dong", "Dự thảo chủ trương, chính sách ảnh hưởng trực tiếp đến quyền, lợi ích của cộng đồng dân cư"),
    ("han-che-quyen", "Dự thảo quyết định hạn chế quyền, lợi ích hợp pháp của cá nhân, tổ chức (kèm đối thoại)"),
    ("noi-dung-khac", "Nội dung khác theo quy định của pháp luật, quy chế thực hiện dân chủ của xã"),
]

CHANNELS = [
    ("hoi-nghi", "Tổ chức hội nghị, cuộc họp", True),
    ("phieu-lay-y-kien", "Phát phiếu lấy ý kiến", False),
    ("hom-thu-gop-y", "Hòm thư góp ý", False),
    ("doi-thoai", "Tổ chức đối thoại", True),
    ("cong-thong-tin", "Cổng, trang thông tin điện tử; mạng xã hội của xã", False),
    ("mttq-doan-the", "Qua Ban công tác Mặt trận, các tổ chức chính trị – xã hội", True),
    ("gui-van-ban", "Gửi dự thảo để góp ý bằng văn bản", False),
    ("hinh-thuc-khac", "Hình thức khác theo quy định", False),
]


def seed(apps, schema_editor):
    Item = apps.get_model("democracy", "ConsultationItem")
    Channel = apps.get_model("democracy", "ConsultationChannel")
    for order, (code, name) in enumerate(ITEMS, start=1):
        Item.objects.update_or_create(
            code=code,
            defaults={"name": name, "sort_order": order, "valid_from": FROM, "legal_basis": f"{LAW}, Điều 25"},
        )
    for order, (code, name, takes_counts) in enumerate(CHANNELS, start=1):
        Channel.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "sort_order": order,
                "takes_counts": takes_counts,
                "valid_from": FROM,
                "legal_basis": f"{LAW}, Điều 26",
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("democracy", "ConsultationItem").objects.filter(code__in=[c for c, _n in ITEMS]).delete()
    apps.get_model("democracy", "ConsultationChannel").objects.filter(code__in=[c for c, _n, _t in CHANNELS]).delete()


class Migration(migrations.Migration):
    dependencies = [("democracy", "0002_households_consultations")]

    operations = [migrations.RunPython(seed, unseed)]
