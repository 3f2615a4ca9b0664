"""Golden figures from the published seeds (``/work/shared/seeds``), for every reporting part's tests.

- Seed 003 (Thái Hòa): "Trong năm, đã tiếp 137 lượt công dân (giảm 25,5% so với năm 2021)": 184 visits in 2021,
  137 in 2022.
- DOMAIN §7 (CCHC): "33.838 hồ sơ đúng hạn của 43.479" → "đạt 77,8%".
- Seed 000 (Phú Ninh): "6 tháng đầu năm, có 54 mô hình dân vận khéo cấp huyện và 137 mô hình mới cấp xã".

:func:`make_visits` and :func:`make_initiatives` build the records at a unit (bulk, fast); the expected sentences
are :data:`VISITS_SENTENCE`, :data:`CCHC_SENTENCE`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.cases.models import CaseKind
from danvan.core.models import AdministrativeUnit
from danvan.reception.models import Visit

VISITS_2021 = 184
VISITS_2022 = 137
VISITS_CHANGE = "giảm 25,5%"
VISITS_SENTENCE = "giảm 25,5% so với năm 2021"

CCHC_ON_TIME = 33_838
CCHC_RECEIVED = 43_479
CCHC_RATE = "77.8"
CCHC_SENTENCE = "đạt 77,8%"
CCHC_RATIO = "33.838/43.479, đạt 77,8%"

MODELS_DISTRICT_H1 = 54
MODELS_COMMUNE_H1 = 137


def make_visits(units: list[AdministrativeUnit], year: int, count: int, *, on: tuple[int, int] = (3, 2)) -> None:
    """``count`` single visits in ``year``, spread round-robin over ``units`` (e.g. three merged communes)."""
    rows = []
    for index in range(count):
        unit = units[index % len(units)]
        rows.append(
            Visit(
                unit=unit,
                unit_path=unit.path,
                visited_on=dt.date(year, *on),
                kind=CaseKind.COMPLAINT,
                summary="Khiếu nại (số liệu mẫu)",
            )
        )
    Visit.objects.bulk_create(rows)


def make_initiatives(template: Any, level: str, count: int, registered_on: dt.date) -> None:
    """``count`` copies of an initiative ``template`` (one made through the service) at ``level``, registered on
    ``registered_on``."""
    from danvan.initiatives.models import Initiative

    rows = []
    for index in range(count):
        copy = Initiative.objects.get(pk=template.pk)
        copy.pk = None
        copy.import_key = None
        copy.level = level
        copy.name = f"Mô hình mẫu {level} {index + 1}"
        copy.registered_on = registered_on
        copy.year = registered_on.year
        rows.append(copy)
    Initiative.objects.bulk_create(rows)
