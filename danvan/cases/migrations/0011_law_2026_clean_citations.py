"""Clean citations in the pick-lists and the case engine's rules (issue 9 §1; docs/decisions/0010).

Refusal grounds and complexity criteria: the "[chưa kiểm chứng nguyên văn]" mark leaves ``legal_basis`` (printed on
refusal notices) for ``verification``. The complaint criteria that take effect on 01/07/2026 cite the law that
brings them, Luật 136/2025/QH15. The rules this app seeded (``feedback.resolve``, ``case.due_soon_warning``,
``reception.head_may_delegate``) are cleaned like core 0006 does (this migration may run after it), and the
delegation rule's 2026 row cites Luật 136/2025/QH15 itself.
"""

import datetime as dt
import re

from django.db import migrations

LAW_136 = "Luật 136/2025/QH15"
SECOND_HAND = "Nguồn thứ cấp (báo chí đưa tin); chưa đọc nguyên văn."
MARK = re.compile(r"\s*\[([^\]]*)\]")
# Whole sentences of notes that are remarks about verification, not law (as in core 0006, which this may follow).
NOTE_REMARKS = [
    "Chưa xác định là ngày làm việc hay ngày lịch [unsure]; tạm tính theo ngày lịch.",
    "Chưa xác định là ngày làm việc hay ngày lịch; tạm tính theo ngày lịch.",
    "Đối chiếu sửa đổi năm 2024 và Luật 97/2025.",
]


def split_marks(text):
    marks = [match.strip() for match in MARK.findall(text or "")]
    return MARK.sub("", text or "").strip(), marks


def join(*parts):
    return " ".join(part for part in parts if part).strip()[:300]


def clean_rules(LegalRule):
    for rule in LegalRule.objects.all():
        remarks = []
        note = rule.note or ""
        for remark in NOTE_REMARKS:
            if remark in note:
                note = note.replace(remark, "")
                remarks.append(split_marks(remark)[0])
        note, note_marks = split_marks(note)
        basis, basis_marks = split_marks(rule.legal_basis)
        remarks += basis_marks + note_marks
        if remarks or note != rule.note or basis != rule.legal_basis:
            rule.note = " ".join(note.split())
            rule.legal_basis = basis or rule.legal_basis
            rule.verification = join(rule.verification, *dict.fromkeys(remarks))
            rule.save(update_fields=["note", "legal_basis", "verification"])

DELEGATION = {
    dt.date(2014, 7, 1): dict(legal_basis="Luật Tiếp công dân 42/2013/QH13, Điều 12–18"),
    dt.date(2026, 7, 1): dict(
        legal_basis=f"Luật Tiếp công dân 42/2013/QH13, sửa đổi, bổ sung bởi {LAW_136}",
        verification=SECOND_HAND,
    ),
}


def seed(apps, schema_editor):
    LegalRule = apps.get_model("core", "LegalRule")
    clean_rules(LegalRule)
    for valid_from, fields in DELEGATION.items():
        LegalRule.objects.filter(code="reception.head_may_delegate", valid_from=valid_from).update(**fields)
    for model in ("RefusalGround", "ComplexityCriterion"):
        for row in apps.get_model("cases", model).objects.all():
            basis, marks = split_marks(row.legal_basis)
            if marks:
                row.legal_basis = basis or row.legal_basis
                row.verification = join(row.verification, *marks)
                row.save(update_fields=["legal_basis", "verification"])
    apps.get_model("cases", "ComplexityCriterion").objects.filter(
        kind="complaint", valid_from=dt.date(2026, 7, 1), legal_basis="Luật Khiếu nại sửa đổi, hiệu lực 01/07/2026"
    ).update(legal_basis=f"Luật Khiếu nại 02/2011/QH13, sửa đổi, bổ sung bởi {LAW_136}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0010_ground_and_criterion_verification"),
        ("cases", "0003_rule_head_may_delegate"),
        ("core", "0006_law_2026_calendar_and_rules"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
