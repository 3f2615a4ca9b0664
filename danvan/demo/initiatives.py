"""Demo registry data for `danvan demo`: the province's rubric for this year and initiatives at each stage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.core.models import AdministrativeUnit, Organization, UnitTree
from danvan.initiatives.models import Criterion, Field, Initiative, InitiativeKind, InitiativeLevel, Rubric
from danvan.initiatives.services import FundingLine, initiative_register, initiative_transition

CRITERIA = [
    ("Đúng tiêu chí, có tên gọi, địa chỉ cụ thể", 20, "Quyết định, kế hoạch xây dựng"),
    ("Huy động được nhiều lực lượng, nhân dân đồng tình", 30, "Biên bản, danh sách tham gia"),
    ("Hiệu quả rõ, đo được", 30, "Số liệu, hình ảnh trước và sau"),
    ("Bền vững, có khả năng nhân rộng", 20, "Báo cáo nhân rộng"),
]

# name, field code, kind, honoree, unit code, stage (number of transitions from draft), funds
INITIATIVES = [
    (
        "Tuyến đường hoa kiểu mẫu",
        "culture_society",
        InitiativeKind.MODEL,
        "",
        "22081",
        3,
        [("Ban CHQS xã hỗ trợ", 7_000_000), ("Nhân dân đóng góp", 12_500_000)],
    ),
    ("Nuôi dê sinh sản giúp hộ nghèo", "economy", InitiativeKind.MODEL, "", "22081", 2, [("Hội Nông dân", 15_000_000)]),
    ("Tổ tự quản an ninh trật tự khu phố", "defense_security", InitiativeKind.MODEL, "", "24133", 1, []),
    (
        "Chi hội phụ nữ Buôn Ako Dhông",
        "party_building",
        InitiativeKind.EXEMPLAR,
        "Chi hội phụ nữ Buôn Ako Dhông",
        "24133",
        0,
        [],
    ),
]
STEPS = ["submit", "start", "self_assess"]


def load_demo_initiatives(*, province_code: str) -> int:
    """This year's rubric of the province and the initiatives not yet there; returns how many were added."""
    year = timezone.localdate().year
    _rubric(AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=province_code), year)
    system = Officer.objects.filter(is_superuser=True).order_by("pk").first()
    made = 0
    for name, field_code, kind, honoree, unit_code, stage, fundings in INITIATIVES:
        unit = AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=unit_code)
        if Initiative.objects.filter(unit=unit, name=name, year=year).exists():
            continue
        initiative = _register(system, unit, year, name, field_code, kind, honoree, fundings)
        for action in STEPS[:stage]:
            initiative = initiative_transition(
                actor=system, initiative=initiative, action=action, on=dt.date(year, 3, 1)
            )
        made += 1
    return made


def _rubric(province: AdministrativeUnit, year: int) -> Rubric:
    """The province's rubric of ``year`` with its criteria (made once)."""
    rubric, created = Rubric.objects.get_or_create(
        province=province,
        year=year,
        defaults={
            "name": f"Tiêu chí công nhận mô hình, điển hình “Dân vận khéo” năm {year}",
            "pass_mark": Decimal(70),
            "legal_basis": "Hướng dẫn của Ban Chỉ đạo tỉnh (mẫu)",
        },
    )
    if created:
        for order, (name, points, evidence) in enumerate(CRITERIA, start=1):
            Criterion.objects.create(
                rubric=rubric, order=order, name=name, max_points=Decimal(points), expected_evidence=evidence
            )
    return rubric


def _register(
    system: Officer | None,
    unit: AdministrativeUnit,
    year: int,
    name: str,
    field_code: str,
    kind: str,
    honoree: str,
    fundings: list[tuple[str, int]],
) -> Initiative:
    """A draft initiative of the unit's People's Committee, registered as an officer would."""
    return initiative_register(
        actor=system,
        unit=unit,
        organization=Organization.objects.get(unit=unit, kind__code="peoples_committee"),
        kind=kind,
        name=name,
        field=Field.objects.get(code=field_code),
        level=InitiativeLevel.COMMUNE,
        year=year,
        honoree_type="collective" if honoree else "",
        honoree_name=honoree,
        fundings=[FundingLine(source, amount) for source, amount in fundings],
        goals="Số liệu mẫu để thử phần mềm.",
    )
