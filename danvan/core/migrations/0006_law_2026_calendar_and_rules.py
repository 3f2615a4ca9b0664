"""The law as it stands in 2026 (issue 9 §1; docs/decisions/0010): calendar notices 2024–2026 with their sources,
the switchable 24/11, Luật 136/2025/QH15's rules, and clean citations.

1. Verification marks leave the texts officers and citizens read. Every bracketed mark ("[2nd …]", "[unsure …]",
   "[chưa xác minh]") and every remark about what is left to check is moved from ``legal_basis``, ``note`` and
   ``title`` into ``verification``, which only the administrators' rule pages show. Rows an administrator added
   are cleaned the same way (bracketed marks only).
2. Calendar notices: the New Year 2026 swap (Fri 02/01 off, Sat 10/01 worked; Công văn 12729/VPCP-KGVX of
   25/12/2025), the Tết 2025 swap's source corrected to Công văn 8726/VPCP-KGVX, and a row with its source for every
   day off of 2025–2026 that DOMAIN.md §9 lists (the package already had most of them; the row records why).
3. "Ngày Văn hóa Việt Nam" (24/11): the ``holidays`` package gives it from 2026, Art. 112 of the Labour Code does not
   list it and its enactment is unconfirmed: a switch row ``calendar.vietnam_culture_day`` = 1 from 2026 keeps it
   a day off as before, citing the Politburo's decision (never Art. 112) and marked for checking; the administrator
   sets it to 0 (from a date) if it turns out not to be a day off.
4. Luật 136/2025/QH15 (passed 10/12/2025, in force 01/07/2026): the commune chairman receives citizens at least
   2 days a month from 01/07/2026 (was 1 day a week, Art. 15.2.d); rows citing it name the law itself. Rows from
   NĐ 154/2026, 155/2026 and 156/2026 stay, marked for checking (their texts were seen only second-hand).
5. Groups of citizens choose representatives under Art. 30 of Luật Tiếp công dân, not Art. 29.
"""

import datetime as dt
import re

from django.db import migrations

JULY_2026 = dt.date(2026, 7, 1)
RECEPTION = "Luật Tiếp công dân 42/2013/QH13"
COMPLAINTS = "Luật Khiếu nại 02/2011/QH13"
LAW_136 = "Luật 136/2025/QH15"
LABOUR_CODE = "Bộ luật Lao động 2019, Điều 112"
SECOND_HAND = "Nguồn thứ cấp (báo chí đưa tin); chưa đọc nguyên văn."
CHECK_DECREE = (
    "CẦN QUẢN TRỊ HỆ THỐNG KIỂM TRA: văn bản mới thấy qua bản sao OCR một lần, chưa đối chiếu nguyên văn."
)
DAY_KIND_UNSURE = "Chưa xác định là ngày làm việc hay ngày lịch; tạm tính theo ngày lịch."
CHECK_2025 = "Đối chiếu sửa đổi năm 2024 và Luật 97/2025."

MARK = re.compile(r"\s*\[([^\]]*)\]")


def split_marks(text):
    """``text`` without its bracketed marks, and the marks."""
    marks = [match.strip() for match in MARK.findall(text or "")]
    return MARK.sub("", text or "").strip(), marks


def join(*parts):
    return " ".join(part for part in parts if part).strip()[:300]


# --- calendar notices: date, kind, title, legal basis, verification -------------------------------------------

BASIS_2024_APR = "Công văn 2450/VPCP-KGVX năm 2024 của Văn phòng Chính phủ về hoán đổi ngày làm việc dịp 30/4–1/5"
BASIS_2025_TET = "Công văn 8726/VPCP-KGVX của Văn phòng Chính phủ về lịch nghỉ Tết Nguyên đán Ất Tỵ 2025"
BASIS_2025_APR = "Thông báo của Chính phủ về hoán đổi ngày làm việc dịp 30/4–1/5/2025"
BASIS_2026_NEW_YEAR = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"
BASIS_2026_TET = f"{LABOUR_CODE}; lịch nghỉ Tết Nguyên đán Bính Ngọ 2026"
BASIS_2026_SEP = "Thông báo của Chính phủ về hoán đổi ngày làm việc dịp Quốc khánh 2/9/2026"
NUMBER_UNVERIFIED = "Số hiệu văn bản chưa xác minh; khớp với gói holidays 0.108."

NOTICES = [
    (dt.date(2024, 4, 29), "day_off", "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 04/05/2024)", BASIS_2024_APR,
     "Số hiệu theo nguồn của gói holidays; chưa đọc nguyên văn."),
    (dt.date(2024, 5, 4), "working_day", "Làm việc bù cho ngày nghỉ 29/04/2024", BASIS_2024_APR,
     "Số hiệu theo nguồn của gói holidays; chưa đọc nguyên văn."),
    (dt.date(2025, 1, 27), "day_off", "Nghỉ Tết Nguyên đán Ất Tỵ (hoán đổi, làm bù thứ Bảy 08/02/2025)",
     BASIS_2025_TET, SECOND_HAND + " Trước đây ghi Thông báo 6150/TB-LĐTBXH."),
    (dt.date(2025, 2, 8), "working_day", "Làm việc bù cho ngày nghỉ 27/01/2025 (Tết Nguyên đán)", BASIS_2025_TET,
     SECOND_HAND + " Gói holidays 0.108 thiếu ngày làm bù này."),
    (dt.date(2025, 4, 26), "working_day", "Làm việc bù cho ngày nghỉ 02/05/2025", BASIS_2025_APR, NUMBER_UNVERIFIED),
    (dt.date(2025, 5, 2), "day_off", "Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/04/2025)", BASIS_2025_APR,
     NUMBER_UNVERIFIED),
    (dt.date(2025, 9, 1), "day_off", "Nghỉ Quốc khánh (ngày liền kề 02/09/2025)", LABOUR_CODE, SECOND_HAND),
    (dt.date(2025, 9, 2), "day_off", "Quốc khánh 02/09/2025", LABOUR_CODE, SECOND_HAND),
    (dt.date(2026, 1, 2), "day_off", "Nghỉ hoán đổi dịp Tết Dương lịch 2026 (làm bù thứ Bảy 10/01/2026)",
     BASIS_2026_NEW_YEAR, SECOND_HAND + " Gói holidays 0.108 thiếu hoán đổi này."),
    (dt.date(2026, 1, 10), "working_day", "Làm việc bù cho ngày nghỉ 02/01/2026 (Tết Dương lịch)",
     BASIS_2026_NEW_YEAR, SECOND_HAND + " Gói holidays 0.108 thiếu hoán đổi này."),
    *[
        (dt.date(2026, 2, day), "day_off", f"Tết Nguyên đán Bính Ngọ 2026 ({label})", BASIS_2026_TET,
         SECOND_HAND + " Nghỉ 14–22/02/2026, không hoán đổi.")
        for day, label in [(16, "Giao thừa"), (17, "mùng 1"), (18, "mùng 2"), (19, "mùng 3"), (20, "mùng 4")]
    ],
    (dt.date(2026, 4, 27), "day_off", "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là Chủ nhật 26/04/2026)",
     LABOUR_CODE, SECOND_HAND),
    (dt.date(2026, 8, 22), "working_day", "Làm việc bù cho ngày nghỉ 31/08/2026", BASIS_2026_SEP, NUMBER_UNVERIFIED),
    (dt.date(2026, 8, 31), "day_off", "Nghỉ hoán đổi dịp Quốc khánh 2/9 (làm bù thứ Bảy 22/08/2026)", BASIS_2026_SEP,
     NUMBER_UNVERIFIED),
    (dt.date(2026, 9, 1), "day_off", "Nghỉ Quốc khánh (ngày liền kề 02/09/2026)", LABOUR_CODE, SECOND_HAND),
    (dt.date(2026, 9, 2), "day_off", "Quốc khánh 02/09/2026", LABOUR_CODE, SECOND_HAND),
]

# --- legal rules ----------------------------------------------------------------------------------------------

# (code, valid_from) -> fields to set; rows that exist are updated, missing ones created (with "name" etc. given)
RULE_FIXES = {
    ("complaint.accept", dt.date(2026, 7, 1)): dict(
        legal_basis="Nghị định 155/2026/NĐ-CP sửa đổi, bổ sung Nghị định 124/2020/NĐ-CP",
        confidence="unsure",
        verification=CHECK_DECREE,
    ),
    ("complaint.accept_second", dt.date(2012, 7, 1)): dict(
        valid_to=dt.date(2026, 6, 30), note="Kể từ ngày nhận được khiếu nại."
    ),
    ("complaint.dialogue_notice_min", JULY_2026): dict(
        legal_basis=f"{COMPLAINTS}, sửa đổi, bổ sung bởi {LAW_136}", verification=SECOND_HAND
    ),
    ("complaint.suspension_notice", JULY_2026): dict(
        legal_basis=f"{COMPLAINTS}, sửa đổi, bổ sung bởi {LAW_136}", verification=SECOND_HAND
    ),
    ("reception.commune_chairman_min", dt.date(2014, 7, 1)): dict(
        valid_to=dt.date(2026, 6, 30), note="", legal_basis=f"{RECEPTION}, Điều 15.2.d"
    ),
    ("reception.province_chairman_min", dt.date(2014, 7, 1)): dict(
        note=f"Từ 01/07/2026 người đứng đầu không được ủy quyền cho cấp phó ({LAW_136}).",
        verification="Ghi chú về ủy quyền: nguồn thứ cấp.",
    ),
    ("feedback.forward", dt.date(2008, 2, 14)): dict(
        note="Không có thời hạn trả lời chung; bộ, ngành tự quy định (ví dụ 5 ngày làm việc, 10 nếu phức tạp).",
        verification="Ngày hiệu lực ghi theo ngày ban hành, chưa xác minh.",
    ),
}
for code in (
    "reception.group_min_size",
    "reception.group_small_max_size",
    "reception.group_small_representatives_max",
    "reception.group_large_representatives_max",
):
    RULE_FIXES[(code, dt.date(2014, 7, 1))] = dict(
        legal_basis=f"{RECEPTION}, Điều 30",
        verification="Trước đây ghi Điều 29; Điều 30 là điều về cử người đại diện khi nhiều người cùng khiếu nại, "
        "tố cáo, kiến nghị, phản ánh.",
    )

NEW_RULES = [
    dict(
        code="reception.commune_chairman_min",
        valid_from=JULY_2026,
        name="Chủ tịch UBND cấp xã tiếp công dân định kỳ (tối thiểu)",
        value=2,
        value_unit="day_per_month",
        day_kind="none",
        legal_basis=f"{RECEPTION}, Điều 15.2.d, sửa đổi bởi {LAW_136}",
        confidence="2nd",
        verification="Nguồn thứ cấp: trả lời của Thanh tra Chính phủ trên báo chí; chưa đọc nguyên văn Luật 136/2025.",
        note="Người đứng đầu không được ủy quyền cho cấp phó tiếp thay.",
    ),
    dict(
        code="complaint.accept_second",
        valid_from=JULY_2026,
        name="Thụ lý khiếu nại lần hai",
        value=7,
        value_unit="day",
        day_kind="working",
        legal_basis="Nghị định 155/2026/NĐ-CP sửa đổi, bổ sung Nghị định 124/2020/NĐ-CP",
        confidence="unsure",
        verification=CHECK_DECREE,
        note="Kể từ ngày nhận được khiếu nại.",
    ),
    dict(
        code="calendar.vietnam_culture_day",
        valid_from=dt.date(2026, 1, 1),
        name="Ngày Văn hóa Việt Nam (24/11) là ngày nghỉ (1 = nghỉ, 0 = làm việc)",
        value=1,
        value_unit="flag",
        day_kind="none",
        legal_basis="Quyết định của Bộ Chính trị về Ngày Văn hóa Việt Nam (24/11)",
        confidence="unsure",
        verification="CẦN KIỂM TRA: gói holidays 0.108 ghi 24/11 là ngày nghỉ từ 2026; không có trong Điều 112 Bộ "
        "luật Lao động, việc ban hành chưa được xác nhận. Nếu không được nghỉ, đặt giá trị 0 từ ngày áp dụng.",
        note="",
    ),
]

# Whole sentences of notes that are remarks about verification, not law.
NOTE_REMARKS = [
    DAY_KIND_UNSURE,
    "Chưa xác định là ngày làm việc hay ngày lịch [unsure]; tạm tính theo ngày lịch.",
    CHECK_2025,
    "Từ 01/07/2026 có thể đổi theo Nghị định 155/2026/NĐ-CP [unsure].",
    "Từ 01/07/2026 người đứng đầu không được ủy quyền cho cấp phó (Luật 136/2025) [2nd].",
]


def clean_rules(LegalRule):
    for rule in LegalRule.objects.all():
        remarks = []
        note = rule.note or ""
        for remark in NOTE_REMARKS:
            if remark in note:
                note = note.replace(remark, "")
                remarks.append(remark)
        note, note_marks = split_marks(note)
        basis, basis_marks = split_marks(rule.legal_basis)
        remarks = [split_marks(remark)[0] for remark in remarks] + basis_marks + note_marks
        if remarks or note != rule.note or basis != rule.legal_basis:
            rule.note = " ".join(note.split())
            rule.legal_basis = basis or rule.legal_basis
            rule.verification = join(rule.verification, *dict.fromkeys(remarks))
            rule.save(update_fields=["note", "legal_basis", "verification"])


def seed(apps, schema_editor):
    CalendarNotice = apps.get_model("core", "CalendarNotice")
    LegalRule = apps.get_model("core", "LegalRule")
    for notice in CalendarNotice.objects.all():
        title, title_marks = split_marks(notice.title)
        basis, basis_marks = split_marks(notice.legal_basis)
        if title_marks or basis_marks:
            notice.title, notice.legal_basis = title or notice.title, basis or notice.legal_basis
            notice.verification = join(notice.verification, *title_marks, *basis_marks)
            notice.save(update_fields=["title", "legal_basis", "verification"])
    for date, kind, title, basis, verification in NOTICES:
        CalendarNotice.objects.update_or_create(
            date=date, defaults={"kind": kind, "title": title, "legal_basis": basis, "verification": verification}
        )
    clean_rules(LegalRule)
    for (code, valid_from), fields in RULE_FIXES.items():
        LegalRule.objects.filter(code=code, valid_from=valid_from).update(**fields)
    for row in NEW_RULES:
        row = dict(row)
        LegalRule.objects.update_or_create(code=row.pop("code"), valid_from=row.pop("valid_from"), defaults=row)


def unseed(apps, schema_editor):
    LegalRule = apps.get_model("core", "LegalRule")
    for row in NEW_RULES:
        LegalRule.objects.filter(code=row["code"], valid_from=row["valid_from"]).delete()
    for code, valid_from in (
        ("reception.commune_chairman_min", dt.date(2014, 7, 1)),
        ("complaint.accept_second", dt.date(2012, 7, 1)),
    ):
        LegalRule.objects.filter(code=code, valid_from=valid_from).update(valid_to=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_rule_and_notice_verification")]

    operations = [migrations.RunPython(seed, unseed)]
