"""Duplicate suggestions on a report's officer page: open reports of the same category and commune within the
rule's radius (``feedback.nearby_radius_m``, a few map grid cells through the ``report_nearby`` index), and, without
a point, the commune's open reports of the category whose text is alike (``core.similarity``). Each suggestion
carries its distance and text similarity; the page offers to merge the report into it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from danvan.core.rules import rule_in_force
from danvan.core.similarity import jaccard, shingles
from danvan.feedback import geo
from danvan.feedback.models import Report

MAX_SUGGESTIONS = 5
TEXT_CANDIDATES = 200  # newest open reports of the category in the commune compared by text when there is no point
MIN_TEXT_SIMILARITY = 0.2


@dataclass(frozen=True)
class Suggestion:
    report: Report
    distance_m: float | None
    similarity: float  # 0..1, Jaccard over 3-word shingles of the folded descriptions

    @property
    def similarity_percent(self) -> int:
        return round(self.similarity * 100)


def duplicate_suggestions(report: Report, *, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Likely duplicates of ``report`` (best first): nearby ones by distance then text, else alike texts."""
    if not report.is_open:
        return []
    others = Report.objects.filter(category_id=report.category_id, unit_id=report.unit_id, is_open=True).exclude(
        pk=report.pk
    )
    mine = shingles(report.description)
    found: list[Suggestion] = []
    radius = float(rule_in_force("feedback.nearby_radius_m", timezone.localdate()).value)
    if report.latitude is not None and report.longitude is not None:
        cells = geo.cells_around(report.latitude, report.longitude, radius)
        for other in others.filter(grid_cell__in=cells).select_related("category")[:500]:
            if other.latitude is None or other.longitude is None:
                continue
            distance = geo.distance_m(report.latitude, report.longitude, other.latitude, other.longitude)
            if distance <= radius:
                found.append(Suggestion(other, distance, jaccard(mine, shingles(other.description))))
        found.sort(key=lambda s: (-(s.similarity >= MIN_TEXT_SIMILARITY), s.distance_m or 0.0, -s.similarity))
    near = {s.report.pk for s in found}
    if len(found) < limit and mine:
        alike = []
        for other in others.exclude(pk__in=near).order_by("-received_at")[:TEXT_CANDIDATES]:
            score = jaccard(mine, shingles(other.description))
            if score >= MIN_TEXT_SIMILARITY:
                apart: float | None = (
                    geo.distance_m(report.latitude, report.longitude, other.latitude, other.longitude)
                    if report.latitude is not None
                    and report.longitude is not None
                    and other.latitude is not None
                    and other.longitude is not None
                    else None
                )
                if apart is None or apart <= radius:  # two pins far apart are two places
                    alike.append(Suggestion(other, apart, score))
        alike.sort(key=lambda s: -s.similarity)
        found += alike
    return found[:limit]
