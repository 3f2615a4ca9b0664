"""Demo Front supervision and social criticism: the Đồng Xuân Front's programme for this year, with a supervision
done and answered, one done with an overdue recommendation, a social-criticism session on a draft with the drafting
body's response, and one supervision still ahead."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.core.models import AdministrativeUnit, Organization, UnitTree
from danvan.democracy.models import SupervisionProgramme
from danvan.democracy.recommendation_services import recommendation_answer
from danvan.democracy.supervision_services import (
    programme_create,
    supervision_plan,
    supervision_raise,
    supervision_record,
)

COMMUNE, OFFICER = "22081", "dongxuan.canbo"

# (kind, topic, draft, method, start (month, day), days, findings, recommendations [(field, content, answered)])
SUPERVISIONS = [
    (
        "supervision",
        "Việc bình xét, công nhận hộ nghèo, hộ cận nghèo và chi trả hỗ trợ",
        "",
        "field_visit",
        (3, 9),
        4,
        "Việc bình xét hộ nghèo đúng quy trình, công khai tại thôn.\n"
        "Còn 2 hộ ở thôn Phú Sơn chưa được nhận hỗ trợ tiền điện quý I.",
        [
            ("social_policy", "Chi trả dứt điểm hỗ trợ tiền điện quý I cho 2 hộ nghèo thôn Phú Sơn.", True),
            ("social_policy", "Niêm yết danh sách hộ cận nghèo tại nhà văn hóa các thôn.", True),
        ],
    ),
    (
        "supervision",
        "Công tác quản lý đất công, đất bãi bồi ven sông",
        "",
        "document_review",
        (6, 15),
        10,
        "Một số diện tích đất bãi bồi đang bị sử dụng không đúng mục đích, chưa có phương án quản lý.",
        [("land", "Rà soát, lập phương án quản lý đất bãi bồi ven sông, công khai kết quả.", False)],
    ),
    (
        "social_criticism",
        "Phản biện dự thảo đề án xây dựng nông thôn mới nâng cao giai đoạn 2026–2030",
        "Dự thảo Đề án xây dựng xã nông thôn mới nâng cao giai đoạn 2026–2030",
        "meeting",
        (8, 20),
        0,
        "Hội nghị phản biện thống nhất mục tiêu; đề nghị làm rõ nguồn vốn đối ứng của Nhân dân và tiến độ từng thôn.",
        [
            ("infrastructure", "Làm rõ mức đóng góp của Nhân dân, tránh huy động quá sức dân.", True),
            ("economy", "Bổ sung chỉ tiêu thu nhập bình quân theo từng năm.", False),
        ],
    ),
]


def load(province_code: str) -> int:
    """The programme (nothing when the Đồng Xuân Front has one this year already); the number created."""
    commune = AdministrativeUnit.objects.filter(
        tree=UnitTree.CURRENT, code=COMMUNE, province_code=province_code
    ).first()
    if commune is None:
        return 0
    today = timezone.localdate()
    front = Organization.objects.get(unit=commune, kind__code="fatherland_front")
    committee = Organization.objects.get(unit=commune, kind__code="peoples_committee")
    if SupervisionProgramme.objects.filter(organization=front, year=today.year).exists():
        return 0
    actor = Officer.objects.get(username=OFFICER)
    programme = programme_create(
        actor=actor,
        organization=front,
        year=today.year,
        adopted_on=dt.date(today.year, 1, 15) if dt.date(today.year, 1, 15) <= today else None,
        note="Theo Kế hoạch của Ban Thường trực Ủy ban MTTQ tỉnh; phối hợp Hội Nông dân, Hội Liên hiệp Phụ nữ xã.",
    )
    created = 1
    for kind, topic, draft, method, (month, day), days, findings, items in SUPERVISIONS:
        starts_on = dt.date(today.year, month, day)
        ends_on = starts_on + dt.timedelta(days=days)
        supervision = supervision_plan(
            actor=actor,
            programme=programme,
            kind=kind,
            topic=topic,
            draft_title=draft,
            supervised_org=committee,
            method=method,
            starts_on=starts_on,
            ends_on=ends_on,
            notice_on=starts_on - dt.timedelta(days=10) if kind == "supervision" else None,
            team_lead="Bà Phạm Thị Lan, Phó Chủ tịch Ủy ban MTTQ xã",
            team="Ông Lê Văn Hùng, Chủ tịch Hội Nông dân xã\nBà Nguyễn Thị Mai, Chủ tịch Hội Liên hiệp Phụ nữ xã",
            purpose="Đánh giá việc thực hiện chính sách, pháp luật; kiến nghị khắc phục hạn chế.",
        )
        created += 1
        if ends_on > today:
            continue
        supervision = supervision_record(
            actor=actor,
            supervision=supervision,
            expected_version=supervision.version,
            done_on=ends_on,
            findings=findings,
            conclusion="Cơ bản thực hiện đúng quy định; còn hạn chế nêu tại báo cáo.",
        )
        for field, content, answered in items:
            item = supervision_raise(actor=actor, supervision=supervision, content=content, field=field)
            created += 1
            answered_on = ends_on + dt.timedelta(days=20)
            if answered and answered_on <= today:
                recommendation_answer(
                    actor=actor,
                    item=item,
                    expected_version=item.version,
                    answered_on=answered_on,
                    answer="UBND xã tiếp thu, đã chỉ đạo thực hiện và báo cáo kết quả bằng văn bản.",
                )
    ahead = min(today + dt.timedelta(days=10), dt.date(today.year, 12, 28))
    if ahead > today:
        supervision_plan(
            actor=actor,
            programme=programme,
            kind="supervision",
            topic="Việc giải quyết kiến nghị của cử tri sau kỳ họp HĐND xã",
            supervised_org=committee,
            method="meeting",
            starts_on=ahead,
            ends_on=ahead,
            team_lead="Ông Trần Văn Nam, Chủ tịch Ủy ban MTTQ xã",
        )
        created += 1
    return created
