"""Demo household registers: every village of the demo communes gets as many households as its number says
(names made up from common Vietnamese names), one household moved between villages and one that left."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.democracy.household_services import household_leave, household_move, household_search_text
from danvan.democracy.models import Household, Residence

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thanh", "Hữu", "Xuân"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hòa",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trung",
    "Tuấn",
    "Vân",
    "Yến",
]
DEMO_COMMUNES = ("22081", "24133", "22240", "22045")


def _name(n: int) -> str:
    return f"{FAMILY[n % len(FAMILY)]} {MIDDLE[(n // 3) % len(MIDDLE)]} {GIVEN[(n * 7) % len(GIVEN)]}"


@transaction.atomic
def load(province_code: str) -> int:
    """The registers of the demo communes of ``province_code`` not yet filled; the number of households added."""
    created = 0
    since = dt.date(2024, 1, 1)
    communes = AdministrativeUnit.objects.filter(
        tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE, code__in=DEMO_COMMUNES, province_code=province_code
    )
    for commune in communes:
        if Household.objects.filter(unit=commune).exists():
            continue
        villages = list(AdministrativeUnit.objects.filter(parent=commune, level=UnitLevel.VILLAGE).order_by("code"))
        number = 0
        for index, village in enumerate(villages, start=1):
            households = []
            for n in range(village.households or 0):
                number += 1
                household = Household(
                    unit=commune,
                    unit_path=commune.path,
                    province_code=commune.province_code,
                    code=f"{commune.code}-{index:02}-{n + 1:04}",
                    representative_name=_name(number),
                    address=f"{village.name}, {commune.name}",
                )
                household.search_text = household_search_text(household)
                households.append(household)
            Household.objects.bulk_create(households, batch_size=500)
            ids = Household.objects.filter(unit=commune, code__startswith=f"{commune.code}-{index:02}-")
            Residence.objects.bulk_create(
                (
                    Residence(household_id=pk, village=village, valid_from=since)
                    for pk in ids.values_list("pk", flat=True)
                ),
                batch_size=500,
            )
            created += len(households)
        if len(villages) >= 2 and created:
            today = timezone.localdate()
            mover = (
                Household.objects.filter(unit=commune, code__startswith=f"{commune.code}-01-").order_by("code").first()
            )
            leaver = (
                Household.objects.filter(unit=commune, code__startswith=f"{commune.code}-02-").order_by("code").first()
            )
            if mover is not None:
                household_move(actor=None, household=mover, village=villages[1], moved_on=today - dt.timedelta(days=90))
            if leaver is not None:
                household_leave(actor=None, household=leaver, left_on=today - dt.timedelta(days=30))
    return created
