"""“Is it one of these?”: open reports of the same category near a point, before a citizen files a new one.

The radius is the rule ``feedback.nearby_radius_m`` (250 m). The look-up reads the grid cells the circle touches
through the ``report_nearby`` index (grid_cell, category, is_open), then measures the real distance. Hidden reports
are never offered (their page shows nothing to follow).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from danvan.core.rules import rule_in_force
from danvan.feedback import geo
from danvan.feedback.models import Category, Report

MAX_NEARBY = 10


@dataclass(frozen=True)
class Nearby:
    report: Report
    distance_m: float


def nearby_radius_m(on: dt.date | None = None) -> int:
    return int(rule_in_force("feedback.nearby_radius_m", on or timezone.localdate()).value)


def nearby_open_reports(
    *,
    category: Category | int,
    latitude: float,
    longitude: float,
    on: dt.date | None = None,
    exclude_id: int | None = None,
    limit: int = MAX_NEARBY,
) -> list[Nearby]:
    """Open, shown reports of ``category`` within the radius of the point, nearest first."""
    if not geo.in_vietnam(latitude, longitude):
        return []
    radius = nearby_radius_m(on)
    category_id = category if isinstance(category, int) else category.pk
    candidates = (
        Report.objects.filter(
            grid_cell__in=geo.cells_around(latitude, longitude, radius),
            category_id=category_id,
            is_open=True,
            is_hidden=False,
        )
        .select_related("category", "unit")
        .only(
            "id",
            "code",
            "description",
            "address_text",
            "latitude",
            "longitude",
            "state",
            "received_at",
            "followers_count",
            "is_hidden",
            "category__id",
            "category__code",
            "category__name",
            "category__icon",
            "unit__id",
            "unit__name",
        )
    )
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    found = []
    for report in candidates[:500]:
        if report.latitude is None or report.longitude is None:
            continue
        distance = geo.distance_m(latitude, longitude, report.latitude, report.longitude)
        if distance <= radius:
            found.append(Nearby(report, distance))
    found.sort(key=lambda item: (item.distance_m, item.report.pk))
    return found[:limit]
