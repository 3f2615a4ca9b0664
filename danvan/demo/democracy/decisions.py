"""Demo community decisions at Xã Đồng Xuân: a road contribution decided by household ballot (paper and online,
counted, record sent), a village head elected at a meeting and waiting for the People's Committee's recognition
(its clock running), and a self-management matter being voted on now."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.core.models import AdministrativeUnit, UnitKind, UnitLevel, UnitTree
from danvan.core.services import village_create
from danvan.democracy import decision_services as services
from danvan.democracy.models import CommunityDecision, DecisionMatter, Household, Residence

COMMUNE = "22081"
HAMLET = "Xóm Bến Đò"  # a small hamlet (9 households) with nothing decided yet: the browser journey decides there
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Đức", "Thị Hoa", "Văn Hùng", "Thị Lan", "Văn Minh"]


def _households(commune: AdministrativeUnit, village: AdministrativeUnit, prefix: str) -> list[int]:
    """The village's households on the register; made here (codes ``prefix-001``…) when it has none yet."""
    since = dt.date(2024, 1, 1)
    ids = list(
        Residence.objects.on(timezone.localdate()).filter(village=village).values_list("household_id", flat=True)
    )
    if ids:
        return sorted(ids)
    names = itertools.cycle(f"{f} {g}" for f in FAMILY for g in GIVEN)
    households = Household.objects.bulk_create(
        [
            Household(
                unit=commune,
                unit_path=commune.path,
                province_code=commune.province_code,
                code=f"{prefix}-{n:03d}",
                representative_name=next(names),
                address=village.name,
            )
            for n in range(1, (village.households or 50) + 1)
        ]
    )
    Residence.objects.bulk_create([Residence(household=h, village=village, valid_from=since) for h in households])
    return [h.pk for h in households]


def load(province_code: str) -> int:
    """The demo decisions (once); the number created."""
    commune = AdministrativeUnit.objects.filter(
        tree=UnitTree.CURRENT, code=COMMUNE, province_code=province_code
    ).first()
    if commune is None or CommunityDecision.objects.filter(unit=commune).exists():
        return 0
    villages = {v.name: v for v in AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE)}
    road_village, meeting_village = villages.get("Thôn Phú Sơn"), villages.get("Thôn Tân Hòa")
    officer = Officer.objects.filter(username="dongxuan.canbo").first()
    if road_village is None or meeting_village is None or officer is None:
        return 0
    today = timezone.localdate()
    team = ["Võ Thị Hạnh", "Trần Văn Lộc", "Lê Thị Ngọc"]
    witnesses = ["Phạm Văn Tài", "Nguyễn Thị Hồng"]

    # 1. Road contribution by household ballot: 140 of 198 households agreed (≥ 2/3 = 132); record sent.
    road_ids = _households(commune, road_village, "PS")
    road = services.decision_create(
        actor=officer,
        commune=commune,
        matter=DecisionMatter.objects.get(code="1"),
        scope="village",
        villages=[road_village],
        form="ballot",
        title="Đóng góp bê tông hóa đường trục thôn Phú Sơn (500.000 đồng/hộ)",
        content="Mỗi hộ đóng góp 500.000 đồng, ngân sách xã hỗ trợ xi măng; thi công trong quý I.",
    )
    notice = today - dt.timedelta(days=20)
    road = services.decision_announce(
        actor=officer,
        decision=road,
        notice_on=notice,
        register_on=notice + dt.timedelta(days=3),
        documents_sent_on=notice,
        team=team,
        team_leader=team[0],
    )
    for index, household_id in enumerate(road_ids[:170]):
        choice = "agree" if index < 140 else ("disagree" if index < 165 else "other")
        services.ballot_record(
            actor=officer,
            decision=road,
            household_id=household_id,
            choice=choice,
            channel="online" if index % 4 == 0 else "paper",
            cast_on=notice + dt.timedelta(days=3 + index % 5),
            other_text="Đề nghị giảm cho hộ nghèo" if choice == "other" else "",
        )
    road, _ = services.decision_close(
        actor=officer,
        decision=road,
        closed_on=notice + dt.timedelta(days=9),
        head_name="Huỳnh Văn Phú",
        front_head_name="Đỗ Thị Mai",
        witnesses=witnesses,
    )
    services.decision_submit(actor=officer, decision=road, submitted_on=notice + dt.timedelta(days=11))
    services.decision_publish(actor=officer, decision=road, published=True)  # on the commune's public page

    # 2. Village head elected at a meeting (matter 4): 150 of 241 came, 139 agreed (> 50 % of 241 = 121).
    meeting_ids = _households(commune, meeting_village, "TH")
    election = services.decision_create(
        actor=officer,
        commune=commune,
        matter=DecisionMatter.objects.get(code="4"),
        scope="village",
        villages=[meeting_village],
        form="meeting",
        title="Bầu Trưởng thôn Tân Hòa nhiệm kỳ 2026–2031",
    )
    held = today - dt.timedelta(days=4)
    election = services.decision_announce(
        actor=officer,
        decision=election,
        notice_on=held - dt.timedelta(days=5),
        register_on=held,
    )
    services.meeting_record(
        actor=officer,
        decision=election,
        village=meeting_village,
        notice_on=held - dt.timedelta(days=5),
        held_on=held,
        present_household_ids=meeting_ids[:150],
        agreed=139,
        disagreed=8,
        other=3,
        procedural=[
            services.ProceduralIn("secretary", "Chị Bùi Thị Thảo làm thư ký", 141),
            services.ProceduralIn("team", "Tổ kiểm phiếu: ông Lộc, bà Ngọc, ông Tài", 137),
            services.ProceduralIn("options", "Biểu quyết giơ tay, một ứng cử viên", 145),
        ],
        place="Nhà văn hóa thôn Tân Hòa",
        chair_name="Huỳnh Văn Phú",
        secretary_name="Bùi Thị Thảo",
    )
    election, _ = services.decision_close(
        actor=officer,
        decision=election,
        closed_on=held,
        head_name="Huỳnh Văn Phú",
        front_head_name="Đỗ Thị Mai",
        witnesses=witnesses,
    )
    services.decision_submit(actor=officer, decision=election, submitted_on=held + dt.timedelta(days=1))

    # 4. A small hamlet of 9 households, on the register, with nothing decided yet.
    hamlet = village_create(actor=None, commune=commune, name=HAMLET, kind=UnitKind.VILLAGE, households=9)
    _households(commune, hamlet, "BD")

    # 3. A self-management matter being voted on now: a few ballots in.
    now = services.decision_create(
        actor=officer,
        commune=commune,
        matter=DecisionMatter.objects.get(code="6"),
        scope="village",
        villages=[road_village],
        form="ballot",
        title="Giờ mở loa truyền thanh thôn Phú Sơn",
    )
    now = services.decision_announce(
        actor=officer,
        decision=now,
        notice_on=today - dt.timedelta(days=3),
        register_on=today - dt.timedelta(days=1),
        team=team,
        team_leader=team[0],
    )
    for household_id in road_ids[:25]:
        services.ballot_record(actor=officer, decision=now, household_id=household_id, choice="agree")
    return 3
