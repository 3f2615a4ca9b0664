"""The feedback benchmark's URLs: the bench URLs (``bench.urls``) plus bare Django JSON views of the feedback reads —
plain ``.values()`` or one hand-written SQL, no access check, no schema — that ``feedback_bench`` compares against,
and a bare submission (one INSERT per POST) that ``feedback_submit_bench`` compares against."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

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
    from danvan.core.selectors import statistics_paths

    unit = AdministrativeUnit.objects.get(pk=int(request.GET["unit"]))
    year = int(request.GET["year"])
    paths, provinces = statistics_paths(unit)  # the unit and its legacy predecessors, as the API counts them
    return JsonResponse(hand_statistics(paths, provinces, dt.date(year, 1, 1), dt.date(year, 12, 31), TODAY))


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


BARE_SUBMISSION_TABLE = "bench_bare_submission"


def bare_submission_table_create() -> None:
    """The bare submission view's table (one row per POST, the idempotency key unique), made by the bench."""
    from django.db import connection

    key = "BIGSERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY AUTOINCREMENT"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {BARE_SUBMISSION_TABLE} (id {key}, idempotency_key VARCHAR(200) NOT NULL "
            "UNIQUE, description TEXT NOT NULL, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, "
            "received_at TIMESTAMP NOT NULL)"
        )


@csrf_exempt
def bare_feedback_submit(request: HttpRequest) -> JsonResponse:
    """A submission written by hand: read the form, one INSERT (autocommit), no checks, no audit, no case."""
    from django.db import connection
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {BARE_SUBMISSION_TABLE} (idempotency_key, description, latitude, longitude, received_at) "
            "VALUES (%s, %s, %s, %s, %s)",
            [
                request.headers.get("Idempotency-Key", ""),
                request.POST.get("description", ""),
                float(request.POST["lat"]),
                float(request.POST["long"]),
                timezone.now(),
            ],
        )
    return JsonResponse([{"service_request_id": "PA-BARE"}], safe=False)


urlpatterns.insert(0, path("bare/feedback-submit", bare_feedback_submit))
