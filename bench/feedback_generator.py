"""Generate citizen reports for the feedback benchmark: N reports (``BENCH_FEEDBACK_REPORTS``; 1,000,000 with
``BENCH_FULL=1``, 20,000 otherwise) over every current commune of the real unit tree.

Bulk, not the service: each batch is one ``bulk_create`` of cases (kind feedback, as ``case_receive_public`` makes
them) and one of their reports, in one transaction per batch. Received between 01/07/2025 and the bench day; a point
near the commune's centre for 85 % of them (grid cell set as intake does); 10 % new, 15 % accepted (some of them
past due), 50 % answered (three in four on time; 40 % of the answers rated, most 4–5 and then closed), 15 % closed
without rating, 7 % refused, 3 % merged. Deterministic (a seeded random generator).

Call ``generate(count)`` after ``django.setup()`` on a migrated database with the units loaded.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from typing import Any

from bench.common import scaled

FULL = os.environ.get("BENCH_FULL") == "1"
REPORTS = scaled("BENCH_FEEDBACK_REPORTS", 1_000_000 if FULL else 20_000)
BATCH = 5000
FIRST_DAY = dt.date(2025, 7, 1)
TODAY = dt.date(2026, 12, 3)
TEXTS = (
    "Đường ngập sâu sau mưa lớn, xe máy chết máy giữa đường",
    "Rác thải tồn đọng nhiều ngày cạnh chợ, bốc mùi hôi",
    "Đèn đường hỏng cả đoạn, buổi tối rất tối và nguy hiểm",
    "Ổ gà lớn trên mặt đường bê tông trước cổng trường",
    "Cây xanh nghiêng có nguy cơ đổ vào nhà dân",
    "Lấn chiếm vỉa hè để buôn bán, người đi bộ phải xuống lòng đường",
    "Tiếng ồn karaoke sau 22 giờ ảnh hưởng khu dân cư",
    "Cống thoát nước bị tắc, nước thải tràn ra đường",
)


def _communes(province: str | None = None) -> list[dict[str, Any]]:
    """Every current commune (of ``province`` when given) with its People's Committee (the default handler)."""
    from danvan.core.models import AdministrativeUnit, Organization, UnitLevel, UnitTree

    communes: list[dict[str, Any]] = [
        dict(row)
        for row in AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE)
        .filter(**({"province_code": province} if province else {}))
        .order_by("path")
        .values("id", "code", "path", "province_code", "latitude", "longitude")
    ]
    committees = dict(
        Organization.objects.filter(unit__in=[c["id"] for c in communes], kind__code="peoples_committee")
        .order_by("-pk")
        .values_list("unit_id", "pk")
    )
    for commune in communes:
        commune["organization"] = committees.get(commune["id"])
    return communes


def generate(count: int = REPORTS, *, seed: int = 2026, province: str | None = None) -> dict[str, Any]:
    """``count`` reports and their cases (over the communes of ``province`` when given); the count, the communes
    and the seconds taken."""
    from django.db import connection, transaction
    from django.utils import timezone

    from danvan.cases.models import Case, CaseKind, CaseStatus, Channel
    from danvan.feedback import geo
    from danvan.feedback.models import Category, Report, ReportChannel, ReportState, Timeliness

    started = time.perf_counter()
    rng = random.Random(seed)
    communes = _communes(province)
    categories = list(Category.objects.order_by("pk").values("pk", "answer_days", "case_field_id", "name"))
    channels = (ReportChannel.WEB,) * 6 + (ReportChannel.OPEN311,) * 3 + (ReportChannel.API,)
    days = (TODAY - FIRST_DAY).days
    zone = timezone.get_current_timezone()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        cases, reports = [], []
        for n in range(made, made + size):
            commune = communes[(n * 1543) % len(communes)]  # a stride prime to the count: every commune, scattered
            category = categories[n % len(categories)]
            received = dt.datetime.combine(FIRST_DAY + dt.timedelta(days=rng.randrange(days)), dt.time(0), zone)
            received += dt.timedelta(minutes=rng.randrange(7 * 60, 21 * 60))
            due_on = received.date() + dt.timedelta(days=category["answer_days"] + 4)
            text = f"{TEXTS[n % len(TEXTS)]} (số {n})"
            cases.append(
                Case(
                    code=f"PA-BENCH-{n:08d}",
                    unit_id=commune["id"],
                    unit_path=commune["path"],
                    province_code=commune["province_code"],
                    kind=CaseKind.FEEDBACK,
                    channel=Channel.WEB,
                    field_id=category["case_field_id"],
                    title=f"{category['name']}: {text}"[:300],
                    summary=text,
                    received_on=received.date(),
                    status=CaseStatus.RECEIVED,
                    due_on=due_on,
                )
            )
            lat = lng = cell = None
            if commune["latitude"] is not None and rng.random() < 0.85:
                lat = float(commune["latitude"]) + rng.uniform(-0.01, 0.01)
                lng = float(commune["longitude"]) + rng.uniform(-0.01, 0.01)
                cell = geo.grid_cell(lat, lng)
            draw = rng.random()
            values: dict[str, Any] = {"state": ReportState.NEW, "is_open": True}
            if draw >= 0.10 and draw < 0.25:
                values = {"state": ReportState.ACCEPTED, "is_open": True, "accepted_at": received}
            elif draw >= 0.25 and draw < 0.90:
                answered = received + dt.timedelta(hours=rng.randrange(1, 400))
                if answered.date() > TODAY:
                    answered = received + dt.timedelta(hours=1)
                values = {
                    "state": ReportState.ANSWERED if draw < 0.75 else ReportState.CLOSED,
                    "is_open": False,
                    "accepted_at": received,
                    "answered_at": answered,
                    "answer_text": "Đơn vị đã kiểm tra, xử lý xong.",
                    "answered_by_name": "Ủy ban nhân dân",
                    "timeliness": Timeliness.ON_TIME if rng.random() < 0.75 else Timeliness.LATE,
                }
                if draw < 0.75 and rng.random() < 0.4:
                    rating = rng.choice((5, 5, 4, 4, 4, 3, 2, 1))
                    values.update(rating=rating, rated_at=answered + dt.timedelta(hours=5))
                    if rating >= 4:
                        values.update(state=ReportState.CLOSED, closed_at=answered + dt.timedelta(hours=5))
            elif draw >= 0.90 and draw < 0.97:
                values = {"state": ReportState.REFUSED, "is_open": False, "refusal_reason": "out_of_scope"}
            elif draw >= 0.97:
                values = {"state": ReportState.MERGED, "is_open": False}
            reports.append(
                Report(
                    code=f"PB{n:08d}",
                    secret_hash="0" * 64,
                    category_id=category["pk"],
                    unit_id=commune["id"],
                    unit_path=commune["path"],
                    province_code=commune["province_code"],
                    organization_id=commune["organization"],
                    channel=channels[n % len(channels)],
                    description=text,
                    latitude=lat,
                    longitude=lng,
                    grid_cell=cell,
                    received_at=received,
                    due_on=due_on,
                    search_text=text.lower(),
                    **values,
                )
            )
        with transaction.atomic():
            Case.objects.bulk_create(cases, batch_size=1000)
            for case, report in zip(cases, reports, strict=True):
                report.case_id = case.pk
            Report.objects.bulk_create(reports, batch_size=1000)
        made += size
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Report._meta.db_table}" if connection.vendor == "postgresql" else "ANALYZE")
    return {"reports": made, "communes": len(communes), "seconds": time.perf_counter() - started}
