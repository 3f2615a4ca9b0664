"""The indicators of the citizen feedback channel (``sources_feedback``, wrapping ``feedback.statistics``) and the
petitions past their deadline at the period's end ("Đơn thư quá hạn", ``petitions.overdue``): their rows in the
indicator registry, with English labels. A computed code registered later and seeded by no migration gets a bare
row after each ``migrate`` (``apps.py``: ``indicator_services.sync_indicators``)."""

from django.db import migrations

FEEDBACK_GROUP = ("feedback", "Phản ánh, kiến nghị của người dân")
FEEDBACK_SOURCE = (
    "Kênh phản ánh, kiến nghị của người dân (danvan.feedback); Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15"
)
PETITIONS_GROUP = ("petitions", "Tiếp nhận, giải quyết đơn thư")
PETITIONS_SOURCE = (
    "Luật Tiếp công dân 42/2013/QH13; Luật Khiếu nại, Luật Tố cáo; seed 003 (137 lượt, giảm 25,5% so với năm 2021)"
)

# (code, label, label_en, measure, group, method, source, sort_order)
INDICATORS = [
    (
        "petitions.overdue",
        "Đơn thư quá hạn",
        "Petitions past their deadline",
        "vụ việc",
        PETITIONS_GROUP,
        "Đơn đang xử lý, giải quyết đến cuối kỳ (hoặc đến ngày xem, với kỳ chưa kết thúc) đã quá thời hạn xử lý, "
        "giải quyết; không tính thời gian tạm đình chỉ (cases.statistics)",
        PETITIONS_SOURCE,
        105,
    ),
    (
        "feedback.received",
        "Phản ánh, kiến nghị tiếp nhận",
        "Feedback reports received",
        "phản ánh",
        FEEDBACK_GROUP,
        "Phản ánh tiếp nhận trong kỳ (thời điểm tiếp nhận), feedback.statistics",
        FEEDBACK_SOURCE,
        1500,
    ),
    (
        "feedback.handled",
        "Phản ánh đã xử lý (trả lời, không tiếp nhận, gộp)",
        "Reports handled (answered, refused, merged)",
        "phản ánh",
        FEEDBACK_GROUP,
        "Phản ánh tiếp nhận trong kỳ đã trả lời, không tiếp nhận hoặc gộp vào phản ánh khác (tính đến ngày xem)",
        FEEDBACK_SOURCE,
        1510,
    ),
    (
        "feedback.answered",
        "Phản ánh đã trả lời",
        "Reports answered",
        "phản ánh",
        FEEDBACK_GROUP,
        "Phản ánh tiếp nhận trong kỳ đã có trả lời (tính đến ngày xem)",
        FEEDBACK_SOURCE,
        1520,
    ),
    (
        "feedback.answered_on_time",
        "trong đó: trả lời đúng hạn",
        "of which: answered on time",
        "phản ánh",
        FEEDBACK_GROUP,
        "Phản ánh tiếp nhận trong kỳ được trả lời đúng hạn",
        FEEDBACK_SOURCE,
        1530,
    ),
    (
        "feedback.answered_late",
        "trong đó: trả lời trễ hạn",
        "of which: answered late",
        "phản ánh",
        FEEDBACK_GROUP,
        "Phản ánh tiếp nhận trong kỳ được trả lời trễ hạn",
        FEEDBACK_SOURCE,
        1540,
    ),
    (
        "feedback.overdue",
        "Phản ánh chưa trả lời, đã quá hạn",
        "Reports unanswered past their due date",
        "phản ánh",
        FEEDBACK_GROUP,
        "Phản ánh tiếp nhận trong kỳ còn mở và đã quá hạn trả lời (tính đến ngày xem)",
        FEEDBACK_SOURCE,
        1550,
    ),
    (
        "feedback.on_time_rate",
        "Tỷ lệ trả lời phản ánh đúng hạn",
        "Reports answered on time",
        "%",
        FEEDBACK_GROUP,
        "Trả lời đúng hạn / (đã trả lời + chưa trả lời đã quá hạn)",
        FEEDBACK_SOURCE,
        1560,
    ),
    (
        "feedback.rated",
        "Phản ánh được người dân đánh giá",
        "Reports rated by the citizen",
        "phản ánh",
        FEEDBACK_GROUP,
        "Phản ánh tiếp nhận trong kỳ có đánh giá mức hài lòng",
        FEEDBACK_SOURCE,
        1570,
    ),
    (
        "feedback.mean_rating",
        "Mức hài lòng trung bình (1–5)",
        "Mean satisfaction (1–5)",
        "điểm",
        FEEDBACK_GROUP,
        "Trung bình mức hài lòng (1–5) của các phản ánh được đánh giá",
        FEEDBACK_SOURCE,
        1580,
    ),
    (
        "feedback.satisfied_share",
        "Tỷ lệ người dân hài lòng (4–5 sao)",
        "Citizens satisfied (4–5 stars)",
        "%",
        FEEDBACK_GROUP,
        "Số đánh giá 4 hoặc 5 / số phản ánh được đánh giá",
        FEEDBACK_SOURCE,
        1590,
    ),
]


def seed(apps, schema_editor):
    Indicator = apps.get_model("reporting", "Indicator")
    for code, label, label_en, measure, (group, group_label), method, source, order in INDICATORS:
        Indicator.objects.update_or_create(
            code=code,
            defaults={
                "label": label,
                "label_en": label_en,
                "measure": measure,
                "group": group,
                "group_label": group_label,
                "method": method,
                "source": source,
                "kind": "computed",
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("reporting", "Indicator").objects.filter(code__in=[row[0] for row in INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0101_dossiers_seed")]

    operations = [migrations.RunPython(seed, unseed)]
