"""The answer deadline of a recommendation per source (rule data, docs/decisions/0023), and the rows kept from the
raised items: their source (a dialogue's items come from a dialogue), status, deadline rule and text bands."""

import datetime as dt

from django.db import migrations

DEMOCRACY = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15"
DEMOCRACY_FROM = dt.date(2023, 7, 1)
FRONT = "Luật Mặt trận Tổ quốc Việt Nam 75/2015/QH13"
FRONT_FROM = dt.date(2016, 1, 1)
CHECK = "Đối chiếu sửa đổi năm 2024 và Luật 97/2025; giá trị mặc định nơi luật không quy định số ngày."
LOCAL_DEFAULT = "Luật không quy định số ngày; giá trị mặc định theo quy chế của địa phương, quản trị có thể sửa."
# (code suffix, name, value, day kind, legal basis, confidence, valid from, note)
RULES = [
    ("inspection_board", "Thời hạn UBND xã trả lời kiến nghị của Ban Thanh tra nhân dân", 15, "calendar",
     f"{DEMOCRACY}, Điều 40 khoản 1 điểm c", "read", DEMOCRACY_FROM,
     "Kể từ ngày nhận được kiến nghị của Ban Thanh tra nhân dân."),
    ("investment_board", "Thời hạn trả lời kiến nghị của Ban Giám sát đầu tư của cộng đồng", 15, "calendar",
     f"{DEMOCRACY}, Điều 45 khoản 2 điểm c", "read", DEMOCRACY_FROM,
     "Kể từ ngày nhận được kiến nghị của Ban Giám sát đầu tư của cộng đồng."),
    ("supervision", "Thời hạn trả lời kiến nghị sau giám sát của Mặt trận Tổ quốc", 30, "calendar",
     f"{FRONT}, Điều 27", "2nd", FRONT_FROM, "Cơ quan, tổ chức nhận kiến nghị giám sát trả lời bằng văn bản."),
    ("social_criticism", "Thời hạn cơ quan chủ trì soạn thảo phản hồi ý kiến phản biện xã hội", 30, "calendar",
     f"{FRONT}, Điều 35", "2nd", FRONT_FROM, "Cơ quan chủ trì soạn thảo giải trình, tiếp thu ý kiến phản biện."),
    ("voter_contact", "Thời hạn trả lời kiến nghị cử tri sau tiếp xúc cử tri", 30, "calendar",
     "Quy chế tiếp xúc cử tri của Hội đồng nhân dân", "unsure", dt.date(2023, 7, 1), LOCAL_DEFAULT),
    ("year_end_meeting", "Thời hạn trả lời kiến nghị tại hội nghị thôn, tổ dân phố", 30, "calendar",
     f"{DEMOCRACY}, Điều 33", "unsure", DEMOCRACY_FROM, LOCAL_DEFAULT),
    ("dialogue", "Thời hạn trả lời kiến nghị tại hội nghị đối thoại của UBND xã với Nhân dân", 30, "calendar",
     f"{DEMOCRACY}, Điều 32", "unsure", DEMOCRACY_FROM, LOCAL_DEFAULT),
    ("staff_dialogue", "Thời hạn trả lời kiến nghị tại đối thoại của người đứng đầu với cán bộ, công chức", 30,
     "calendar", f"{DEMOCRACY}, Chương IV", "unsure", DEMOCRACY_FROM, LOCAL_DEFAULT),
    ("reception", "Thời hạn trả lời kiến nghị tiếp nhận khi tiếp công dân", 10, "working",
     "Luật Tiếp công dân 42/2013/QH13, Điều 28", "2nd", dt.date(2014, 7, 1),
     "Thông báo việc xử lý kiến nghị, phản ánh cho công dân."),
]
WARNING = ("recommendation.due_soon_warning", "Cảnh báo kiến nghị sắp đến hạn trả lời (trước hạn)", 3, "working",
           f"{DEMOCRACY}, Điều 40, 45", "unsure", DEMOCRACY_FROM,
           "Số ngày làm việc trước hạn mà kiến nghị hiện là “sắp đến hạn”; cài đặt của hệ thống.")


def _rows():
    for suffix, name, value, day_kind, basis, confidence, valid_from, note in RULES:
        yield f"recommendation.answer_days.{suffix}", name, value, day_kind, basis, confidence, valid_from, note
    yield WARNING


def seed(apps, schema_editor):
    LegalRule = apps.get_model("core", "LegalRule")
    for code, name, value, day_kind, basis, confidence, valid_from, note in _rows():
        LegalRule.objects.update_or_create(
            code=code,
            valid_from=valid_from,
            defaults={
                "name": name,
                "value": value,
                "value_unit": "day",
                "day_kind": day_kind,
                "legal_basis": basis,
                "confidence": confidence,
                "valid_to": None,
                "note": note,
                "verification": CHECK,  # shown on the administrators' rule pages only (decision 0010)
            },
        )


def unseed(apps, schema_editor):
    LegalRule = apps.get_model("core", "LegalRule")
    for code, *_rest, valid_from, _note in _rows():
        LegalRule.objects.filter(code=code, valid_from=valid_from).delete()


def carry_over(apps, schema_editor):
    from danvan.core.similarity import text_bands

    Recommendation = apps.get_model("democracy", "Recommendation")
    CommunityMeeting = apps.get_model("democracy", "CommunityMeeting")
    dialogues = set(CommunityMeeting.objects.filter(kind="dialogue").values_list("pk", flat=True))
    for item in Recommendation.objects.all().iterator():
        item.source = "dialogue" if item.event_id in dialogues else "year_end_meeting"
        item.status = "answered" if item.answered_on else "open"
        item.due_rule = f"recommendation.answer_days.{item.source}"
        item.band_0, item.band_1, item.band_2, item.band_3 = text_bands(item.content)
        item.save(update_fields=["source", "status", "due_rule", "band_0", "band_1", "band_2", "band_3"])


class Migration(migrations.Migration):

    dependencies = [
        ("democracy", "0012_recommendation_tracker"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.RunPython(carry_over, migrations.RunPython.noop),
    ]
