"""Demo dialogues with staff and voter contacts at Xã Đồng Xuân: the People's Committee's dialogue with its staff
this year (the Front's and the Council's not yet, so that the compliance page has something to show), the commune
council's two electoral areas, a contact after the last session with twelve voters' recommendations (some answered,
one addressed to a province body) and a contact scheduled before the next session."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.core.models import AdministrativeUnit, Organization, UnitTree
from danvan.democracy import contact_services as services
from danvan.democracy.models import ContactTiming, ElectoralArea
from danvan.democracy.recommendation_services import recommendation_answer

COMMUNE = "22081"
OFFICER = "dongxuan.canbo"

VOTERS = [
    ("Ông Nguyễn Văn Tư", "Đề nghị sửa chữa đoạn đường liên thôn Phú Sơn – Long Bình đã xuống cấp.", "infrastructure"),
    ("Bà Lê Thị Hoa", "Đề nghị nạo vét kênh mương nội đồng trước vụ Đông Xuân.", "economy"),
    ("Ông Trần Văn Bảy", "Khi nào chi trả tiền hỗ trợ thiệt hại do bão số 13?", "social_policy"),
    ("Bà Phạm Thị Lan", "Đề nghị lắp thêm đèn chiếu sáng đường Trần Phú.", "infrastructure"),
    ("Ông Võ Văn Nhân", "Tiến độ cấp giấy chứng nhận quyền sử dụng đất cho các hộ tái định cư?", "land"),
    ("Cử tri thôn Phú Xuân", "Đề nghị thu gom rác thải hai lần mỗi tuần.", "environment"),
    ("Ông Huỳnh Văn Sáu", "Đề nghị kiểm tra việc khai thác cát trái phép trên sông Kỳ Lộ.", "environment"),
    ("Bà Đặng Thị Mai", "Đề nghị bố trí bác sĩ trực tại trạm y tế xã vào ban đêm.", "health_education"),
    ("Ông Lý Văn Tám", "Thủ tục chứng thực tại xã còn phải chờ lâu, đề nghị cải tiến.", "administration"),
    ("Bà Nguyễn Thị Chín", "Đề nghị hỗ trợ giống cây trồng cho hộ bị ảnh hưởng lũ.", "economy"),
    ("Ông Trương Văn Mười", "Đề nghị tăng cường tuần tra an ninh tại khu chợ đêm.", "security"),
    ("Cử tri thôn Đồng Hòa", "Đề nghị tỉnh đầu tư nâng cấp tỉnh lộ 643 qua địa bàn xã.", "infrastructure"),
]


def load(province_code: str) -> int:
    """The demo records at Xã Đồng Xuân (nothing when there are some already); the number created."""
    commune = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=COMMUNE).first()
    if commune is None or commune.province_code != province_code:
        return 0
    if ElectoralArea.objects.filter(unit=commune).exists():
        return 0
    actor = Officer.objects.get(username=OFFICER)
    today = timezone.localdate()
    committee = Organization.objects.get(unit=commune, kind__code="peoples_committee")
    province_body = Organization.objects.filter(
        unit__tree=UnitTree.CURRENT, unit__code=province_code, kind__code="peoples_committee"
    ).first()
    created = 0
    dialogue = services.staff_dialogue_record(
        actor=actor,
        organization=committee,
        held_on=min(dt.date(today.year, 3, 15), today),
        chaired_by="Chủ tịch UBND xã",
        participants=42,
        place="Hội trường UBND xã",
        topics="Sắp xếp vị trí việc làm, chế độ làm việc sau hợp nhất xã",
    )
    services.raise_questions(
        actor=actor,
        event=dialogue,
        questions=[
            services.QuestionLine(
                raised_by="Công chức Văn phòng – Thống kê",
                content="Đề nghị bố trí thêm máy tính cho bộ phận một cửa.",
                addressee_org=committee,
                field="administration",
            )
        ],
    )
    created += 2
    villages = list(commune.children.filter(tree=UnitTree.CURRENT).order_by("code"))
    half = max(1, len(villages) // 2)
    areas = [
        services.electoral_area_create(
            actor=actor,
            unit=commune,
            number=number,
            name=f"Đơn vị bầu cử số {number}",
            units=part,
            deputies=deputies,
            term="2026–2031",
        )
        for number, part, deputies in (
            (1, villages[:half], "Nguyễn Văn Hải\nTrần Thị Thu\nLê Văn Đức"),
            (2, villages[half:], "Phạm Văn Long\nVõ Thị Ngọc"),
        )
    ]
    created += len(areas)
    held_on = today - dt.timedelta(days=40)
    contact = services.voter_contact_schedule(
        actor=actor,
        area=areas[0],
        unit=commune,
        session_name="Kỳ họp thường lệ giữa năm, HĐND xã khóa I",
        timing=ContactTiming.AFTER,
        session_on=held_on - dt.timedelta(days=10),
        held_on=held_on,
        place="Nhà văn hóa thôn Phú Xuân",
    )
    contact = services.voter_contact_record(
        actor=actor,
        contact=contact,
        expected_version=contact.version,
        voters_attending=135,
        deputies_present="Nguyễn Văn Hải\nTrần Thị Thu",
        minutes="Đại biểu báo cáo kết quả kỳ họp; cử tri nêu 12 ý kiến, kiến nghị.",
    )
    lines = [
        services.QuestionLine(
            raised_by=name,
            content=content,
            field=field,
            addressee_org=province_body if index == len(VOTERS) - 1 and province_body else committee,
        )
        for index, (name, content, field) in enumerate(VOTERS)
    ]
    items = services.raise_questions(actor=actor, event=contact, questions=lines)
    for item in items[:4]:
        recommendation_answer(
            actor=actor,
            item=item,
            expected_version=item.version,
            answered_on=held_on + dt.timedelta(days=20),
            answer="UBND xã đã đưa vào kế hoạch năm sau và sẽ thông báo tiến độ tại kỳ tiếp xúc tới.",
        )
    created += 1 + len(items)
    services.voter_contact_schedule(
        actor=actor,
        area=areas[1],
        unit=commune,
        session_name="Kỳ họp cuối năm, HĐND xã khóa I",
        timing=ContactTiming.BEFORE,
        held_on=today + dt.timedelta(days=7),
        place="Hội trường UBND xã",
    )
    return created + 1
