"""Democracy documents name units in running text as Vietnamese administrative writing does: "Ủy ban nhân dân xã
Đồng Xuân", "Kính gửi: Hội đồng nhân dân xã Đồng Xuân" — never "… Xã Đồng Xuân" (``core.text.unit_in_sentence``);
headers keep the upper case of NĐ 30/2020."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from danvan.democracy import disclosure_documents, meeting_documents
from danvan.democracy.models import CommunityMeeting, MeetingKind, MeetingStatus


def paragraphs(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_disclosure_plan_and_report_write_the_commune_in_lower_case(cast):
    plan = paragraphs(disclosure_documents.plan_docx(cast.dong_xuan, 2027))
    report = paragraphs(disclosure_documents.report_docx(cast.dong_xuan, 2026))
    assert "Ủy ban nhân dân xã Đồng Xuân ban hành" in plan
    assert "Kính gửi: Hội đồng nhân dân xã Đồng Xuân" in report
    assert "Ủy ban nhân dân xã Đồng Xuân báo cáo" in report
    assert "Xã Đồng Xuân" not in plan + report


def test_the_meeting_minutes_send_the_results_to_the_commune_bodies_in_lower_case(cast):
    dialogue = CommunityMeeting.objects.create(
        unit=cast.dong_xuan, kind=MeetingKind.DIALOGUE, year=2026, title="Đối thoại", held_on=dt.date(2026, 11, 5),
        status=MeetingStatus.HELD, participants=40, minutes="Đối thoại.",
    )  # fmt: skip
    text = paragraphs(meeting_documents.minutes_docx(dialogue))
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam xã Đồng Xuân./." in text
    assert "Xã Đồng Xuân" not in text
