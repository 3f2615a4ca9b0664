"""Demo boards at Xã Đồng Xuân: its People's Inspection Board (five members from its four villages, a year plan,
a check held last month with its findings and a recommendation to the commune UBND), and one investment project in
the register with its Community Investment Supervision Board, a supervision held and one announced to the
investor for next month."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.democracy import board_services as services
from danvan.democracy.board_services import MemberLine
from danvan.democracy.models import Board, BoardKind, BoardRole, PlanPeriod, RecommendationField

COMMUNE = "22081"
OFFICER = "dongxuan.canbo"
INSPECTION_MEMBERS = [
    ("Nguyễn Văn Lực", BoardRole.HEAD),
    ("Trần Thị Mai", BoardRole.DEPUTY),
    ("Lê Văn Sáu", BoardRole.MEMBER),
    ("Phạm Thị Hồng", BoardRole.MEMBER),
    ("Võ Văn Tám", BoardRole.MEMBER),
]
INVESTMENT_MEMBERS = [
    ("Nguyễn Văn Lực", BoardRole.HEAD, False),
    ("Huỳnh Thị Lan", BoardRole.DEPUTY, False),
    ("Đào Văn Phúc", BoardRole.MEMBER, False),
    ("Lê Thị Thu", BoardRole.MEMBER, True),
    ("Trương Văn Hải", BoardRole.MEMBER, True),
]


def load(province_code: str) -> int:
    """The demo boards (nothing when the demo commune has boards already); the number of records created."""
    commune = AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, code=COMMUNE).first()
    if commune is None or commune.province_code != province_code or Board.objects.filter(unit=commune).exists():
        return 0
    actor = Officer.objects.get(username=OFFICER)
    today = timezone.localdate()
    villages = list(commune.children.order_by("code"))
    if not villages:
        return 0
    created = 0

    # The People's Inspection Board, elected some 13 months ago for the village heads' term
    board = services.board_establish(
        actor=actor,
        unit=commune,
        kind=BoardKind.PEOPLES_INSPECTION,
        established_on=today - dt.timedelta(days=400),
        members=[
            MemberLine(full_name=name, village=villages[index % len(villages)], position=position)
            for index, (name, position) in enumerate(INSPECTION_MEMBERS)
        ],
    )
    created += 1 + len(INSPECTION_MEMBERS)
    plan = services.plan_add(
        actor=actor,
        board=board,
        period=PlanPeriod.YEAR,
        year=today.year,
        content="Kiểm tra việc thu, chi quỹ xây dựng nông thôn mới; giám sát việc công khai danh sách hộ nghèo; "
        "tiếp nhận phản ánh của Nhân dân về đường liên thôn.",
        approved_on=dt.date(today.year, 1, 1) if today >= dt.date(today.year, 1, 15) else today,
    )
    created += 1
    check = services.session_plan(
        actor=actor,
        board=board,
        subject="Kiểm tra việc thu, chi quỹ xây dựng nông thôn mới năm nay",
        starts_on=today - dt.timedelta(days=30),
        plan_sent_on=today - dt.timedelta(days=45),
        plan=plan,
    )
    check = services.session_record(
        actor=actor,
        session=check,
        expected_version=check.version,
        held_on=today - dt.timedelta(days=28),
        findings="Sổ thu, chi quỹ ghi đầy đủ; chưa niêm yết công khai kết quả thu, chi quý gần nhất tại nhà văn hóa "
        "các thôn.",
        has_violations=True,
    )
    services.session_raise(
        actor=actor,
        session=check,
        content="Đề nghị UBND xã niêm yết công khai kết quả thu, chi quỹ xây dựng nông thôn mới quý gần nhất tại "
        "nhà văn hóa các thôn, khu phố.",
        field=RecommendationField.ADMINISTRATION,
    )
    created += 2

    # One project of the register with its supervision board
    project = services.project_create(
        actor=actor,
        unit=commune,
        name="Bê tông hóa đường liên thôn Phú Sơn – Tân Hòa",
        investor="UBND xã Đồng Xuân",
        contractor="Công ty TNHH Xây dựng Sông Cầu",
        consultant="Công ty Cổ phần Tư vấn Xây dựng Phú Yên",
        budget=4_800_000_000,
        funding="Ngân sách xã và Nhân dân đóng góp",
        place="Thôn Phú Sơn, thôn Tân Hòa",
        starts_on=today - dt.timedelta(days=200),
        ends_on=today + dt.timedelta(days=160),
    )
    supervision_board = services.board_establish(
        actor=actor,
        unit=commune,
        kind=BoardKind.INVESTMENT_SUPERVISION,
        established_on=today - dt.timedelta(days=190),
        members=[
            MemberLine(full_name=name, position=position, is_resident=resident)
            for name, position, resident in INVESTMENT_MEMBERS
        ],
        project=project,
    )
    created += 2 + len(INVESTMENT_MEMBERS)
    visit = services.session_plan(
        actor=actor,
        board=supervision_board,
        subject="Giám sát chất lượng bê tông mặt đường đoạn qua cầu Phú Sơn",
        starts_on=today - dt.timedelta(days=20),
        investor_notified_on=today - dt.timedelta(days=70),
    )
    visit = services.session_record(
        actor=actor,
        session=visit,
        expected_version=visit.version,
        held_on=today - dt.timedelta(days=18),
        findings="Chiều dày mặt đường một số đoạn mỏng hơn thiết kế; rãnh thoát nước chưa thi công.",
        has_violations=True,
    )
    services.session_raise(
        actor=actor,
        session=visit,
        content="Đề nghị chủ đầu tư kiểm định lại chiều dày mặt đường đoạn qua cầu Phú Sơn và yêu cầu nhà thầu thi "
        "công rãnh thoát nước trước mùa mưa.",
        field=RecommendationField.INFRASTRUCTURE,
    )
    services.session_plan(
        actor=actor,
        board=supervision_board,
        subject="Giám sát nghiệm thu hoàn thành đường liên thôn",
        starts_on=today + dt.timedelta(days=40),
        investor_notified_on=today - dt.timedelta(days=5),
    )
    created += 3
    return created
