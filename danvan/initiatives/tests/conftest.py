"""Fixtures of the registry: a rubric of Tỉnh Đắk Lắk, a commune leader, a province officer, a draft model."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import make_officer
from danvan.accounts.models import Role
from danvan.core.models import Organization
from danvan.initiatives.models import Criterion, Field, Initiative, InitiativeKind, InitiativeLevel, Rubric
from danvan.initiatives.services import FundingLine, initiative_register

YEAR = 2026


@pytest.fixture
def grace(cast):
    """Leader (Chairman) of the People's Committee of Xã Đồng Xuân."""
    return make_officer("grace", "Võ Thị Giang", "22081", Role.LEADER)


@pytest.fixture
def henry(cast):
    """Officer of the province, member of the evaluation council."""
    return make_officer("henry", "Ngô Văn Hậu", "66", Role.OFFICER)


@pytest.fixture
def rubric(cast) -> Rubric:
    rubric = Rubric.objects.create(
        province=cast.dak_lak,
        year=YEAR,
        name="Tiêu chí Dân vận khéo 2026",
        pass_mark=Decimal(70),
        legal_basis="Hướng dẫn BCĐ tỉnh",
    )
    for order, (name, max_points) in enumerate(
        [("Hiệu quả", 40), ("Huy động lực lượng", 30), ("Khả năng nhân rộng", 30)], start=1
    ):
        Criterion.objects.create(rubric=rubric, order=order, name=name, max_points=Decimal(max_points))
    return rubric


@pytest.fixture
def draft(cast) -> Initiative:
    return initiative_register(
        actor=cast.alice,
        unit=cast.dong_xuan,
        organization=Organization.objects.get(unit=cast.dong_xuan, kind__code="peoples_committee"),
        kind=InitiativeKind.MODEL,
        name="Tuyến đường hoa kiểu mẫu",
        field=Field.objects.get(code="culture_society"),
        level=InitiativeLevel.COMMUNE,
        year=YEAR,
        goals="05 tuyến đường kiểu mẫu 500 m",
        fundings=[FundingLine("Ban CHQS xã hỗ trợ", 7_000_000), FundingLine("Nhân dân đóng góp", 3_500_000)],
    )


TODAY = dt.date(2026, 11, 20)
