"""The feedback benchmark's URLs: the bench URLs (``bench.urls``) plus bare Django JSON views of the feedback reads —
plain ``.values()`` or one hand-written SQL, no access check, no schema — that ``feedback_bench`` compares against."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, JsonResponse
from django.urls import include, path

PUBLIC_FIELDS = ("code", "category_id", "unit_id", "state", "received_at", "latitude", "longitude", "address_text")


def bare_feedback_list(request: HttpRequest) -> JsonResponse:
    """A province's public list (newest 20 and the count) and its map points in a box (at most 1,000)."""
    from danvan.feedback.models import Report

    reports = Report.objects.filter(province_code=request.GET["province"], is_hidden=False)
    items = list(reports.order_by("-received_at", "-id").values(*PUBLIC_FIELDS)[:20])
    box = [float(v) for v in request.GET["bbox"].split(",")]  # west,south,east,north
    points = list(
        reports.filter(
            longitude__gte=box[0], latitude__gte=box[1], longitude__lte=box[2], latitude__lte=box[3]
        ).values_list("code", "latitude", "longitude", "state")[:1000]
    )
    return JsonResponse({"count": reports.count(), "items": items, "points": points})


def bare_feedback_statistics(request: HttpRequest) -> JsonResponse:
    """A unit's figures for a year and the year before, by the bench's hand-written SQL."""
    from bench.feedback_bench import TODAY, hand_statistics
    from danvan.core.models import AdministrativeUnit

    unit = AdministrativeUnit.objects.get(pk=int(request.GET["unit"]))
    year = int(request.GET["year"])
    return JsonResponse(
        hand_statistics(unit.path, unit.province_code, dt.date(year, 1, 1), dt.date(year, 12, 31), TODAY)
    )


def bare_feedback_ranking(request: HttpRequest) -> JsonResponse:
    """The communes of a province ranked, by the bench's hand-written SQL."""
    from bench.feedback_bench import TODAY, hand_ranking

    year = int(request.GET["year"])
    rows = hand_ranking(request.GET["province"], dt.date(year, 1, 1), dt.date(year, 12, 31), TODAY)
    return JsonResponse({"units": rows})


def bare_open311_requests(request: HttpRequest) -> JsonResponse:
    """The newest 1,000 public reports of the last 90 days, as plain rows."""
    from django.utils import timezone

    from danvan.feedback.models import Report

    since = timezone.now() - dt.timedelta(days=90)
    rows = list(
        Report.objects.filter(received_at__gte=since, is_hidden=False)
        .order_by("-received_at", "-id")
        .values(*PUBLIC_FIELDS)[:1000]
    )
    return JsonResponse(rows, safe=False)


urlpatterns = [
    path("bare/feedback-list", bare_feedback_list),
    path("bare/feedback-statistics", bare_feedback_statistics),
    path("bare/feedback-ranking", bare_feedback_ranking),
    path("bare/open311-requests", bare_open311_requests),
    path("", include("bench.urls")),
]
