"""Demo data of the case engine for `danvan demo`: reception schedules, visits and cases at Xã Đồng Xuân (22081)
and Phường Buôn Ma Thuột (24133), dated relative to today.

Everything goes through the services (``reception.session_record`` / ``session_plan`` / ``visit_record``,
``services.case_receive`` / ``case_transition(on=…)``), so the data obey the same rules as real work: the
chairmen's weekly sessions of the last three months (Đồng Xuân missed one week; a deputy received once in Buôn Ma
Thuột), 25 visits (groups with their representatives, one refusal, answers on the spot) and about forty cases of
every kind and stage — some overdue or due soon once ``sweep_deadlines`` has run, some resolved on time, some
late, one transferred from Buôn Ma Thuột to Đồng Xuân, one anonymous denunciation, and one denunciation whose
denouncer only its handler ``dongxuan.canbo`` and the accepting chairman can read.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import Officer
from danvan.cases.models import Case
from danvan.core.models import AdministrativeUnit, UnitTree
from danvan.demo.cases.buon_ma_thuot import load_buon_ma_thuot
from danvan.demo.cases.dong_xuan import load_dong_xuan
from danvan.demo.cases.steps import BUON_MA_THUOT, DELEGATED_WEEK, DONG_XUAN, MISSED_WEEK, Place, schedule
from danvan.reception.models import Visit


def _place(code: str, officers: dict[str, Officer], prefix: str, today: dt.date) -> Place:
    return Place(
        unit=AdministrativeUnit.objects.get(tree=UnitTree.CURRENT, code=code),
        officer=officers[f"{prefix}.canbo"],
        chairman=officers[f"{prefix}.chutich"],
        today=today,
    )


@transaction.atomic
def load_demo(officers: dict[str, Officer]) -> None:
    """Reception schedules, visits and cases at Xã Đồng Xuân and Phường Buôn Ma Thuột, dated from today.

    ``officers`` maps the demo usernames (``dongxuan.canbo``, ``dongxuan.chutich``, ``bmt.canbo``,
    ``bmt.chutich``) to their officers. Does nothing when cases already exist. Run ``sweep_deadlines`` afterwards
    to mark the overdue and due-soon cases.
    """
    if Case.objects.exists() or Visit.objects.exists():
        return
    today = timezone.localdate()
    dong_xuan = _place(DONG_XUAN, officers, "dongxuan", today)
    buon_ma_thuot = _place(BUON_MA_THUOT, officers, "bmt", today)
    schedule(dong_xuan, "Đặng Văn Hùng", "Chủ tịch UBND xã", missed=MISSED_WEEK, delegated=None)
    schedule(buon_ma_thuot, "H'Hương Mlô", "Chủ tịch UBND phường", missed=None, delegated=DELEGATED_WEEK)
    load_dong_xuan(dong_xuan)
    load_buon_ma_thuot(buon_ma_thuot, dong_xuan)
