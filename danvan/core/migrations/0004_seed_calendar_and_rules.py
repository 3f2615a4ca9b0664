"""Seed the Government's day-swap notices for 2024–2026 and the legal rules table (DOMAIN.md §4–§6).

Both tables are admin-editable afterwards; this is only the starting point. Confidence marks follow DOMAIN.md:
"read" = article text read, "2nd" = secondhand, "unsure" = not verified. Where the exact notice number could not
be verified the legal basis says so in brackets.

Notices: ``holidays`` 0.108 already has the 2024, 2025 (30/4) and 2026 (2/9) swaps; we record both halves of
every swap anyway so that each has its legal basis here and survives a package change. It lacks the make-up
Saturday 08/02/2025 of the Tết 2025 swap (it does give 27/01/2025 off). Tết 2024 (08–14/02) and Tết 2026
(14–22/02) needed no swap.
"""

import datetime as dt

from django.db import migrations

BASIS_2024_APR = (
    "Công văn 2450/VPCP-KGVX năm 2024 của Văn phòng Chính phủ về hoán đổi ngày làm việc dịp 30/4–1/5 "
    "[2nd: số hiệu theo nguồn của gói holidays, chưa đọc nguyên văn]"
)
BASIS_2025_TET = (
    "Thông báo 6150/TB-LĐTBXH năm 2024 của Bộ Lao động – Thương binh và Xã hội về nghỉ Tết Âm lịch 2025 "
    "[2nd: theo báo chí và nguồn của gói holidays, chưa đọc nguyên văn]"
)
BASIS_2025_APR = (
    "Văn bản năm 2025 về hoán đổi ngày làm việc dịp 30/4–1/5 (thứ Sáu 02/05 ↔ thứ Bảy 26/04) "
    "[unsure: số hiệu văn bản chưa xác minh; trùng với gói holidays 0.108]"
)
BASIS_2026_SEP = (
    "Thông báo của Bộ Nội vụ về lịch nghỉ lễ, tết năm 2026 (thứ Hai 31/08 ↔ thứ Bảy 22/08) "
    "[unsure: số hiệu văn bản chưa xác minh; trùng với gói holidays 0.108]"
)

# date, kind, title, legal basis
NOTICES = [
    (dt.date(2024, 4, 29), "day_off", "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 04/05/2024)", BASIS_2024_APR),
    (dt.date(2024, 5, 4), "working_day", "Làm việc bù cho ngày nghỉ 29/04/2024", BASIS_2024_APR),
    (dt.date(2025, 1, 27), "day_off", "Nghỉ Tết Nguyên đán Ất Tỵ (hoán đổi, làm bù thứ Bảy 08/02/2025)",
     BASIS_2025_TET),
    (dt.date(2025, 2, 8), "working_day", "Làm việc bù cho ngày nghỉ 27/01/2025 (Tết Nguyên đán)", BASIS_2025_TET),
    (dt.date(2025, 4, 26), "working_day", "Làm việc bù cho ngày nghỉ 02/05/2025", BASIS_2025_APR),
    (dt.date(2025, 5, 2), "day_off", "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/04/2025)", BASIS_2025_APR),
    (dt.date(2026, 8, 22), "working_day", "Làm việc bù cho ngày nghỉ 31/08/2026 [chưa xác minh]", BASIS_2026_SEP),
    (dt.date(2026, 8, 31), "day_off", "Nghỉ hoán đổi dịp Quốc khánh 2/9 (làm bù thứ Bảy 22/08/2026) [chưa xác minh]",
     BASIS_2026_SEP),
]

COMPLAINTS = "Luật Khiếu nại 02/2011/QH13"
DENUNCIATIONS = "Luật Tố cáo 25/2018/QH14"
RECEPTION = "Luật Tiếp công dân 42/2013/QH13"
DEMOCRACY = "Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15"
COMPLAINTS_FROM = dt.date(2012, 7, 1)
DENUNCIATIONS_FROM = dt.date(2019, 1, 1)
RECEPTION_FROM = dt.date(2014, 7, 1)
DEMOCRACY_FROM = dt.date(2023, 7, 1)
JULY_2026 = dt.date(2026, 7, 1)
DAY_KIND_UNSURE = "Chưa xác định là ngày làm việc hay ngày lịch [unsure]; tạm tính theo ngày lịch."
CHECK_2025 = "Đối chiếu sửa đổi năm 2024 và Luật 97/2025."

# code, name, value, value unit, day kind, legal basis, confidence, valid from, valid to, note
# Units: day (with day_kind), day_per_week, day_per_month, time_per_year, time (number of times), person,
# household, criterion, month, percent, thirds (2 thirds = 2/3). Codes ending in "_min_share" are "at least",
# "_share_above" "strictly more than".
RULES = [
    # Complaints (Luật Khiếu nại 2011; NĐ 124/2020)
    ("complaint.file_limit", "Thời hiệu khiếu nại", 90, "day", "calendar",
     f"{COMPLAINTS}, Điều 9", "read", COMPLAINTS_FROM, None,
     "Kể từ ngày biết được quyết định, hành vi; thời gian trở ngại khách quan không tính vào thời hiệu."),
    ("complaint.accept", "Thụ lý khiếu nại lần đầu", 10, "day", "working",
     f"{COMPLAINTS}, Điều 27; Thông tư 07/2013/TT-TTCP (ngày làm việc)", "read", COMPLAINTS_FROM,
     dt.date(2026, 6, 30), "Kể từ ngày nhận được khiếu nại."),
    ("complaint.accept", "Thụ lý khiếu nại lần đầu", 7, "day", "working",
     "Nghị định 155/2026/NĐ-CP (Luật Khiếu nại sửa đổi có hiệu lực 01/07/2026)", "2nd", JULY_2026, None,
     "Kể từ ngày nhận được khiếu nại."),
    ("complaint.resolve_first", "Giải quyết khiếu nại lần đầu", 30, "day", "calendar",
     f"{COMPLAINTS}, Điều 28", "read", COMPLAINTS_FROM, None, f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.resolve_first_complex", "Giải quyết khiếu nại lần đầu – vụ việc phức tạp", 45, "day", "calendar",
     f"{COMPLAINTS}, Điều 28", "read", COMPLAINTS_FROM, None, f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.resolve_first_remote", "Giải quyết khiếu nại lần đầu – vùng sâu, vùng xa", 45, "day", "calendar",
     f"{COMPLAINTS}, Điều 28", "read", COMPLAINTS_FROM, None, f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.resolve_first_remote_complex", "Giải quyết khiếu nại lần đầu – vùng sâu, vùng xa, phức tạp", 60,
     "day", "calendar", f"{COMPLAINTS}, Điều 28", "read", COMPLAINTS_FROM, None,
     f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.file_second", "Thời hạn khiếu nại lần hai", 30, "day", "calendar",
     f"{COMPLAINTS}, Điều 33", "read", COMPLAINTS_FROM, None,
     "Kể từ khi hết thời hạn giải quyết lần đầu hoặc nhận được quyết định giải quyết lần đầu."),
    ("complaint.file_second_remote", "Thời hạn khiếu nại lần hai – vùng sâu, vùng xa", 45, "day", "calendar",
     f"{COMPLAINTS}, Điều 33", "read", COMPLAINTS_FROM, None,
     "Kể từ khi hết thời hạn giải quyết lần đầu hoặc nhận được quyết định giải quyết lần đầu."),
    ("complaint.accept_second", "Thụ lý khiếu nại lần hai", 10, "day", "working",
     f"{COMPLAINTS}, Điều 36; Thông tư 07/2013/TT-TTCP (ngày làm việc)", "read", COMPLAINTS_FROM, None,
     "Từ 01/07/2026 có thể đổi theo Nghị định 155/2026/NĐ-CP [unsure]."),
    ("complaint.resolve_second", "Giải quyết khiếu nại lần hai", 45, "day", "calendar",
     f"{COMPLAINTS}, Điều 37", "read", COMPLAINTS_FROM, None, f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.resolve_second_complex", "Giải quyết khiếu nại lần hai – vụ việc phức tạp", 60, "day", "calendar",
     f"{COMPLAINTS}, Điều 37", "read", COMPLAINTS_FROM, None, f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.resolve_second_remote", "Giải quyết khiếu nại lần hai – vùng sâu, vùng xa", 60, "day", "calendar",
     f"{COMPLAINTS}, Điều 37", "read", COMPLAINTS_FROM, None, f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.resolve_second_remote_complex", "Giải quyết khiếu nại lần hai – vùng sâu, vùng xa, phức tạp", 70,
     "day", "calendar", f"{COMPLAINTS}, Điều 37", "read", COMPLAINTS_FROM, None,
     f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.discipline_file_limit", "Thời hiệu khiếu nại quyết định kỷ luật cán bộ, công chức", 15, "day",
     "calendar", f"{COMPLAINTS}, Điều 48", "read", COMPLAINTS_FROM, None, "Kể từ ngày nhận quyết định kỷ luật."),
    ("complaint.discipline_resolve", "Giải quyết khiếu nại quyết định kỷ luật", 30, "day", "calendar",
     f"{COMPLAINTS}, Điều 50", "read", COMPLAINTS_FROM, None, f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.discipline_resolve_complex", "Giải quyết khiếu nại quyết định kỷ luật – vụ việc phức tạp", 45, "day",
     "calendar", f"{COMPLAINTS}, Điều 50", "read", COMPLAINTS_FROM, None, f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("complaint.dialogue_notice_min", "Báo trước đối thoại khi giải quyết khiếu nại lần hai (tối thiểu)", 5, "day",
     "calendar", "Luật Khiếu nại sửa đổi (hiệu lực 01/07/2026)", "2nd", JULY_2026, None,
     "Đối thoại bắt buộc khi giải quyết lần hai; có biên bản. Ngày tính ra là ngày sớm nhất có thể đối thoại."),
    ("complaint.suspension_notice", "Thông báo tạm đình chỉ, đình chỉ giải quyết khiếu nại", 3, "day", "working",
     "Luật Khiếu nại sửa đổi (hiệu lực 01/07/2026)", "2nd", JULY_2026, None, ""),
    # Denunciations (Luật Tố cáo 2018; NĐ 31/2019)
    ("denunciation.initial_handling", "Xử lý ban đầu thông tin tố cáo", 7, "day", "working",
     f"{DENUNCIATIONS}, Điều 24", "read", DENUNCIATIONS_FROM, None, "Kể từ ngày nhận được tố cáo."),
    ("denunciation.initial_handling_multi_place", "Xử lý ban đầu tố cáo – cần kiểm tra, xác minh ở nhiều nơi", 10,
     "day", "working", f"{DENUNCIATIONS}, Điều 24", "read", DENUNCIATIONS_FROM, None, "Kể từ ngày nhận được tố cáo."),
    ("denunciation.forward", "Chuyển tố cáo không thuộc thẩm quyền và thông báo cho người tố cáo", 5, "day",
     "working", f"{DENUNCIATIONS}, Điều 24", "read", DENUNCIATIONS_FROM, None, ""),
    ("denunciation.acceptance_notice", "Thông báo việc thụ lý tố cáo cho người tố cáo và người bị tố cáo", 5, "day",
     "working", f"{DENUNCIATIONS}, Điều 29", "read", DENUNCIATIONS_FROM, None, "Kể từ ngày ra quyết định thụ lý."),
    ("denunciation.resolve", "Giải quyết tố cáo", 30, "day", "calendar",
     f"{DENUNCIATIONS}, Điều 30", "read", DENUNCIATIONS_FROM, None, f"Kể từ ngày thụ lý. {DAY_KIND_UNSURE}"),
    ("denunciation.extension", "Gia hạn giải quyết tố cáo (mỗi lần)", 30, "day", "calendar",
     f"{DENUNCIATIONS}, Điều 30", "read", DENUNCIATIONS_FROM, None,
     f"Mỗi lần gia hạn bằng quyết định bằng văn bản. {DAY_KIND_UNSURE}"),
    ("denunciation.max_extensions_complex", "Số lần gia hạn tối đa – vụ việc phức tạp", 1, "time", "none",
     f"{DENUNCIATIONS}, Điều 30", "read", DENUNCIATIONS_FROM, None, ""),
    ("denunciation.max_extensions_especially_complex", "Số lần gia hạn tối đa – vụ việc đặc biệt phức tạp", 2,
     "time", "none", f"{DENUNCIATIONS}, Điều 30", "read", DENUNCIATIONS_FROM, None, ""),
    ("denunciation.especially_complex_min_criteria", "Số tiêu chí tối thiểu của vụ việc đặc biệt phức tạp", 2,
     "criterion", "none", "Nghị định 31/2019/NĐ-CP, Điều 3", "read", DENUNCIATIONS_FROM, None,
     "Có từ 2 trong 7 tiêu chí phức tạp."),
    # Citizen reception (Luật Tiếp công dân 2013)
    ("reception.reply", "Trả lời công dân về việc thụ lý, từ chối, chuyển đơn hoặc hướng dẫn", 10, "day", "working",
     f"{RECEPTION}, Điều 28", "read", RECEPTION_FROM, None, "Kể từ ngày nhận được nội dung."),
    ("reception.commune_chairman_min", "Chủ tịch UBND cấp xã tiếp công dân định kỳ (tối thiểu)", 1, "day_per_week",
     "none", f"{RECEPTION}, Điều 15.2.d", "read", RECEPTION_FROM, None,
     "Từ 01/07/2026 người đứng đầu không được ủy quyền cho cấp phó (Luật 136/2025) [2nd]."),
    ("reception.district_chairman_min", "Chủ tịch UBND cấp huyện tiếp công dân định kỳ (tối thiểu)", 2,
     "day_per_month", "none", RECEPTION, "read", RECEPTION_FROM, dt.date(2025, 6, 30),
     "Cấp huyện kết thúc hoạt động từ 01/07/2025."),
    ("reception.province_chairman_min", "Chủ tịch UBND cấp tỉnh tiếp công dân định kỳ (tối thiểu)", 1,
     "day_per_month", "none", f"{RECEPTION}, Điều 12.5", "read", RECEPTION_FROM, None,
     "Từ 01/07/2026 người đứng đầu không được ủy quyền cho cấp phó (Luật 136/2025) [2nd]."),
    ("reception.agency_head_min", "Thủ trưởng cơ quan hành chính tiếp công dân định kỳ (tối thiểu)", 1,
     "day_per_month", "none", f"{RECEPTION}, Điều 18.2", "read", RECEPTION_FROM, None, ""),
    ("reception.group_min_size", "Số người tối thiểu của đoàn đông người", 5, "person", "none",
     f"{RECEPTION}, Điều 29", "read", RECEPTION_FROM, None, ""),
    ("reception.group_small_max_size", "Đoàn từ 5 đến 10 người (cỡ tối đa)", 10, "person", "none",
     f"{RECEPTION}, Điều 29", "read", RECEPTION_FROM, None, "Đoàn 5–10 người cử 1–2 người đại diện."),
    ("reception.group_small_representatives_max", "Số người đại diện tối đa – đoàn 5–10 người", 2, "person", "none",
     f"{RECEPTION}, Điều 29", "read", RECEPTION_FROM, None, "Tối thiểu 1 người đại diện."),
    ("reception.group_large_representatives_max", "Số người đại diện tối đa – đoàn trên 10 người", 5, "person",
     "none", f"{RECEPTION}, Điều 29", "read", RECEPTION_FROM, None, "Có thể cử thêm người đại diện, tối đa 5."),
    # Feedback on administrative regulations (NĐ 20/2008)
    ("feedback.forward", "Chuyển phản ánh, kiến nghị về quy định hành chính", 5, "day", "working",
     "Nghị định 20/2008/NĐ-CP", "read", dt.date(2008, 2, 14), None,
     "Không có thời hạn trả lời chung; bộ, ngành tự quy định (ví dụ 5 ngày làm việc, 10 nếu phức tạp). "
     "Ngày hiệu lực ghi theo ngày ban hành [unsure]."),
    # Grassroots democracy (Luật Thực hiện dân chủ ở cơ sở 2022; NĐ 59/2023)
    ("disclosure.timing", "Thời hạn công khai thông tin kể từ khi có quyết định", 5, "day", "working",
     f"{DEMOCRACY}, Điều 11–14", "read", DEMOCRACY_FROM, None,
     f"Trừ khi pháp luật chuyên ngành quy định khác. {CHECK_2025}"),
    ("disclosure.posting_min", "Thời gian niêm yết liên tục (tối thiểu)", 30, "day", "calendar",
     f"{DEMOCRACY}, Điều 11–14", "read", DEMOCRACY_FROM, None,
     f"Nội dung 1–3, 5–12; nội dung 4 và 13 niêm yết thường xuyên. Ngày tính ra là ngày sớm nhất được gỡ. "
     f"{CHECK_2025}"),
    ("disclosure.loudspeaker_min", "Thời gian thông báo trên loa truyền thanh liên tục (tối thiểu)", 3, "day",
     "calendar", f"{DEMOCRACY}, Điều 11–14", "read", DEMOCRACY_FROM, None, f"Nội dung 7–12. {CHECK_2025}"),
    ("community_decision.matters_1_2_min_share", "Tỷ lệ thông qua nội dung 1–2 (trên tổng số hộ)", 2, "thirds",
     "none", f"{DEMOCRACY}, Điều 15–21; Nghị định 59/2023/NĐ-CP", "read", DEMOCRACY_FROM, None,
     f"Tối thiểu 2/3 tổng số đại diện hộ gia đình của cộng đồng, không phải số có mặt. {CHECK_2025}"),
    ("community_decision.commune_matters_min_village_share", "Tỷ lệ thôn, tổ dân phố đồng ý – nội dung toàn xã", 2,
     "thirds", "none", f"{DEMOCRACY}, Điều 15–21", "read", DEMOCRACY_FROM, None,
     f"Tối thiểu 2/3 số thôn, tổ dân phố. {CHECK_2025}"),
    ("community_decision.matters_3_6_share_above", "Tỷ lệ thông qua nội dung 3–6 (trên tổng số hộ)", 50, "percent",
     "none", f"{DEMOCRACY}, Điều 15–21", "read", DEMOCRACY_FROM, None,
     f"Phải quá 50 % tổng số đại diện hộ gia đình của cộng đồng. {CHECK_2025}"),
    ("community_decision.citizen_proposal_min_share", "Tỷ lệ hộ đề xuất để đưa nội dung ra bàn, quyết định", 10,
     "percent", "none", f"{DEMOCRACY}, Điều 15–21", "read", DEMOCRACY_FROM, None,
     f"Tối thiểu 10 % tổng số hộ gia đình. {CHECK_2025}"),
    ("community_decision.citizen_proposal_validity", "Thời gian có giá trị của đề xuất của người dân", 3, "month",
     "none", f"{DEMOCRACY}, Điều 15–21", "read", DEMOCRACY_FROM, None, CHECK_2025),
    ("community_decision.online_vote_consent_share_above", "Tỷ lệ hộ đồng ý biểu quyết trực tuyến", 50, "percent",
     "none", f"{DEMOCRACY}, Điều 15–21; Nghị định 59/2023/NĐ-CP", "read", DEMOCRACY_FROM, None,
     f"Phải quá 50 % tổng số hộ; chỉ cho nội dung 6. {CHECK_2025}"),
    ("community_decision.cluster_meeting_min_households", "Số hộ tối thiểu để họp theo cụm", 200, "household", "none",
     f"{DEMOCRACY}, Điều 15–21; Nghị định 59/2023/NĐ-CP", "read", DEMOCRACY_FROM, None, CHECK_2025),
    ("community_decision.ballot_team_min", "Tổ phát phiếu lấy ý kiến hộ gia đình (tối thiểu)", 3, "person", "none",
     "Nghị định 59/2023/NĐ-CP", "read", DEMOCRACY_FROM, None, "Tổ 3–5 người."),
    ("community_decision.ballot_team_max", "Tổ phát phiếu lấy ý kiến hộ gia đình (tối đa)", 5, "person", "none",
     "Nghị định 59/2023/NĐ-CP", "read", DEMOCRACY_FROM, None, "Tổ 3–5 người."),
    ("community_decision.ballot_notice_min", "Thông báo trước khi phát phiếu (tối thiểu)", 2, "day", "calendar",
     "Nghị định 59/2023/NĐ-CP", "read", DEMOCRACY_FROM, None, "Ngày tính ra là ngày sớm nhất được phát phiếu."),
    ("community_decision.record_submission", "Gửi biên bản, kết quả bàn và quyết định về UBND cấp xã", 5, "day",
     "working", f"{DEMOCRACY}, Điều 20", "read", DEMOCRACY_FROM, None, CHECK_2025),
    ("community_decision.recognition", "UBND cấp xã công nhận hoặc trả lời bằng văn bản", 5, "day", "working",
     f"{DEMOCRACY}, Điều 20", "read", DEMOCRACY_FROM, None, CHECK_2025),
    ("consultation.open_min", "Thời gian lấy ý kiến Nhân dân (tối thiểu)", 20, "day", "calendar",
     f"{DEMOCRACY}, Điều 25–28", "read", DEMOCRACY_FROM, None,
     f"Nếu quyết định khác ý kiến đa số phải giải trình. Ngày tính ra là ngày sớm nhất được kết thúc. {CHECK_2025}"),
    ("dialogue.commune_min", "Hội nghị đối thoại UBND cấp xã với Nhân dân (tối thiểu)", 1, "time_per_year", "none",
     f"{DEMOCRACY}, Điều 32", "read", DEMOCRACY_FROM, None, CHECK_2025),
    ("inspection_board.min_members", "Số thành viên tối thiểu Ban Thanh tra nhân dân", 5, "person", "none",
     f"{DEMOCRACY}, Điều 30–45", "read", DEMOCRACY_FROM, None, f"Mỗi thôn, tổ dân phố một thành viên. {CHECK_2025}"),
    ("investment_supervision_board.min_members", "Số thành viên tối thiểu Ban Giám sát đầu tư của cộng đồng", 5,
     "person", "none", f"{DEMOCRACY}, Điều 30–45", "read", DEMOCRACY_FROM, None, CHECK_2025),
]


def seed(apps, schema_editor):
    CalendarNotice = apps.get_model("core", "CalendarNotice")
    LegalRule = apps.get_model("core", "LegalRule")
    for date, kind, title, basis in NOTICES:
        CalendarNotice.objects.update_or_create(
            date=date, defaults={"kind": kind, "title": title, "legal_basis": basis}
        )
    for code, name, value, unit, day_kind, basis, confidence, valid_from, valid_to, note in RULES:
        LegalRule.objects.update_or_create(
            code=code,
            valid_from=valid_from,
            defaults={
                "name": name,
                "value": value,
                "value_unit": unit,
                "day_kind": day_kind,
                "legal_basis": basis,
                "confidence": confidence,
                "valid_to": valid_to,
                "note": note,
            },
        )


def unseed(apps, schema_editor):
    CalendarNotice = apps.get_model("core", "CalendarNotice")
    LegalRule = apps.get_model("core", "LegalRule")
    CalendarNotice.objects.filter(date__in=[row[0] for row in NOTICES]).delete()
    for row in RULES:
        LegalRule.objects.filter(code=row[0], valid_from=row[7]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_seed_org_kinds")]

    operations = [migrations.RunPython(seed, unseed)]
