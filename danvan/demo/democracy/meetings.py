"""Demo year-end meetings and dialogues: last year's held and sent, with the questions and recommendations raised
(some answered, one overdue); this year's partly held, one ahead; one village without a meeting, so that the
compliance page has something to show."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.democracy.meeting_services import (
    meeting_raise_item,
    meeting_record,
    meeting_schedule,
    meeting_send_result,
)
from danvan.democracy.models import CommunityMeeting, MeetingKind
from danvan.democracy.recommendation_services import recommendation_answer

OFFICER = "dongxuan.canbo"
COMMUNES = {"22081": "dongxuan.canbo", "24133": "bmt.canbo"}

ITEMS = [
    (
        "recommendation",
        "Ông Nguyễn Văn Tư (thôn Phú Sơn)",
        "Đề nghị bê tông hóa đoạn đường liên thôn qua cầu Phú Sơn.",
        "peoples_committee",
    ),
    (
        "question",
        "Bà Lê Thị Hoa (khu phố Long Bình)",
        "Khi nào chi trả tiền hỗ trợ thiệt hại do bão số 13?",
        "peoples_committee",
    ),
    ("recommendation", "Cử tri khu phố Long Hòa", "Đề nghị lắp thêm đèn chiếu sáng trên đường Trần Phú.", "village"),
    (
        "recommendation",
        "Ông Trần Văn Bảy (thôn Tân Hòa)",
        "Đề nghị Mặt trận vận động hỗ trợ sửa nhà cho hộ nghèo.",
        "fatherland_front",
    ),
]


def _held(actor: Officer, unit: AdministrativeUnit, kind: str, held_on: dt.date, participants: int) -> CommunityMeeting:
    notice_on = held_on - dt.timedelta(days=7) if kind == MeetingKind.YEAR_END else None
    meeting = meeting_schedule(
        actor=actor,
        unit=unit,
        kind=kind,
        held_on=held_on,
        starts_at=dt.time(8, 0),
        place="Nhà văn hóa" if kind == MeetingKind.YEAR_END else "Hội trường UBND",
        notice_on=notice_on,
        chaired_by="Trưởng thôn" if kind == MeetingKind.YEAR_END else "Chủ tịch UBND",
    )
    present = None if unit.households is None else unit.households * 3 // 4
    return meeting_record(
        actor=actor,
        meeting=meeting,
        expected_version=meeting.version,
        participants=participants,
        households_total=unit.households,
        households_present=present if kind == MeetingKind.YEAR_END else None,
        report_village_head=True,
        report_front_committee=True,
        report_inspection_board=kind == MeetingKind.YEAR_END,
        minutes="Hội nghị nghe báo cáo kết quả năm, thảo luận và thống nhất phương hướng năm tới.",
    )


def _send(actor: Officer, meeting: CommunityMeeting) -> CommunityMeeting:
    sent_on = min(meeting.held_on + dt.timedelta(days=3), timezone.localdate())
    return meeting_send_result(
        actor=actor, meeting=meeting, expected_version=meeting.version, to_committee_on=sent_on, to_front_on=sent_on
    )


def load(province_code: str) -> int:
    """Meetings at the demo communes (nothing when there are some already); the number created."""
    if CommunityMeeting.objects.filter(province_code=province_code).exists():
        return 0
    today = timezone.localdate()
    last_year = today.year - 1
    created = 0
    for code, username in COMMUNES.items():
        actor = Officer.objects.get(username=username)
        commune = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=code)
        villages = list(commune.children.order_by("code"))
        dialogue = _send(actor, _held(actor, commune, MeetingKind.DIALOGUE, dt.date(last_year, 11, 20), 180))
        created += 1
        for number, village in enumerate(villages):
            meeting = _send(actor, _held(actor, village, MeetingKind.YEAR_END, dt.date(last_year, 12, 10 + number), 90))
            created += 1
            if code != "22081" or number >= len(ITEMS):
                continue
            kind, raised_by, content, addressee = ITEMS[number]
            item = meeting_raise_item(
                actor=actor,
                meeting=meeting,
                kind=kind,
                raised_by=raised_by,
                content=content,
                addressee=addressee,
            )
            created += 1
            if number % 2 == 0:
                recommendation_answer(
                    actor=actor,
                    item=item,
                    expected_version=item.version,
                    answered_on=meeting.held_on + dt.timedelta(days=20),
                    answer="UBND xã đã đưa vào kế hoạch năm và sẽ thực hiện trong quý II.",
                )
        meeting_raise_item(
            actor=actor,
            meeting=dialogue,
            kind="question",
            raised_by="Cử tri tổ dân phố 1" if code == "24133" else "Ông Võ Văn Nhân",
            content="Tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ tái định cư?",
            addressee="peoples_committee",
        )
        created += 1
        if code == "22081":
            # This year: the first village already met; the next has its meeting ahead; the last has none yet.
            if villages and dt.date(today.year, 1, 20) <= today:
                _held(actor, villages[0], MeetingKind.YEAR_END, dt.date(today.year, 1, 20), 75)
                created += 1
            if len(villages) > 1:
                meeting_schedule(
                    actor=actor,
                    unit=villages[1],
                    kind=MeetingKind.YEAR_END,
                    held_on=today + dt.timedelta(days=12),
                    notice_on=today,
                    place="Nhà văn hóa khu phố",
                )
                created += 1
    return created
