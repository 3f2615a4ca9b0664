"""The administrative-procedure (CCHC, TTHC) indicators of QĐ 766/QĐ-TTg, computed from the imported dossiers and
the entered procedure figures (``sources_dossiers``): their rows in the indicator registry."""

from django.db import migrations

SOURCE = "QĐ 766/QĐ-TTg ngày 23/6/2022 (Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp); seed 003 (33.838/43.479 hồ sơ đúng hạn)"
METHOD = "Tính từ hồ sơ thủ tục hành chính nhập từ hệ thống một cửa (danvan.reporting.sources_dossiers) và số liệu thủ tục do đơn vị nhập"


INDICATORS = (
    ("cchc.handled", "Tổng số hồ sơ tiếp nhận và giải quyết trong kỳ", "hồ sơ"),
    ("cchc.carried_over", "Số hồ sơ từ kỳ trước chuyển qua", "hồ sơ"),
    ("cchc.received", "Số hồ sơ mới tiếp nhận trong kỳ", "hồ sơ"),
    ("cchc.received_online", "Số hồ sơ tiếp nhận trực tuyến", "hồ sơ"),
    ("cchc.received_in_person", "Số hồ sơ tiếp nhận trực tiếp", "hồ sơ"),
    ("cchc.received_post", "Số hồ sơ tiếp nhận qua dịch vụ bưu chính", "hồ sơ"),
    ("cchc.resolved", "Số hồ sơ đã giải quyết", "hồ sơ"),
    ("cchc.resolved_early", "Số hồ sơ giải quyết trước hạn", "hồ sơ"),
    ("cchc.resolved_on_time", "Số hồ sơ giải quyết đúng hạn", "hồ sơ"),
    ("cchc.resolved_late", "Số hồ sơ giải quyết quá hạn", "hồ sơ"),
    ("cchc.in_progress", "Số hồ sơ đang giải quyết", "hồ sơ"),
    ("cchc.in_progress_within", "Số hồ sơ đang giải quyết trong hạn", "hồ sơ"),
    ("cchc.in_progress_past", "Số hồ sơ đang giải quyết quá hạn", "hồ sơ"),
    ("cchc.withdrawn", "Số hồ sơ rút (theo yêu cầu của tổ chức, cá nhân)", "hồ sơ"),
    ("cchc.returned", "Số hồ sơ trả lại, không giải quyết", "hồ sơ"),
    ("cchc.resolved_in_time", "Số hồ sơ giải quyết trước hạn và đúng hạn", "hồ sơ"),
    ("cchc.on_time_rate", "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn", "%"),
    ("cchc.online_rate", "Tỷ lệ hồ sơ tiếp nhận trực tuyến", "%"),
    ("cchc.procedures_published", "Số thủ tục hành chính được công bố", "thủ tục"),
    ("cchc.procedures_time_cut", "Số thủ tục được cắt giảm thời gian giải quyết", "thủ tục"),
    ("cchc.days_cut", "Số ngày được cắt giảm", "ngày"),
    ("cchc.online_partial", "Số dịch vụ công trực tuyến một phần", "dịch vụ"),
    ("cchc.online_full", "Số dịch vụ công trực tuyến toàn trình", "dịch vụ"),
)


def seed(apps, schema_editor):
    Indicator = apps.get_model("reporting", "Indicator")
    for order, (code, label, measure) in enumerate(INDICATORS, start=1):
        Indicator.objects.update_or_create(
            code=code,
            defaults=dict(
                label=label,
                measure=measure,
                group="cchc",
                group_label="Cải cách hành chính, giải quyết thủ tục hành chính",
                method=METHOD,
                source=SOURCE,
                kind="computed",
                sort_order=2000 + order * 10,
            ),
        )


def unseed(apps, schema_editor):
    apps.get_model("reporting", "Indicator").objects.filter(code__startswith="cchc.").delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0100_indicators_seed")]

    operations = [migrations.RunPython(seed, unseed)]
