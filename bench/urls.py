"""danvan's URLs plus the bare Django JSON views that the benchmarks compare against."""

from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from danvan.core.models import AdministrativeUnit
from danvan.core.text import search_terms


def bare_units(request: HttpRequest) -> JsonResponse:
    """The same search written by hand: plain filter, .values(), JsonResponse; no ranking, no schema."""
    condition = Q()
    for term in search_terms(request.GET.get("q")):
        condition &= Q(search_text__contains=term)
    units = AdministrativeUnit.objects.filter(condition)
    rows = list(units.values("id", "code", "tree", "kind", "level", "name", "parent_id")[:20])
    return JsonResponse({"count": units.count(), "items": rows})


def bare_hello(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("bare/units", bare_units),
    path("bare/hello", bare_hello),
    path("", include("danvan.urls")),
]


def bare_initiatives(request: HttpRequest) -> JsonResponse:
    """The initiative list written by hand: search terms, field code, year; .values(), JsonResponse, no schema."""
    from danvan.initiatives.models import Initiative

    condition = Q()
    for term in search_terms(request.GET.get("q")):
        condition &= Q(search_text__contains=term)
    if request.GET.get("field"):
        condition &= Q(field__code=request.GET["field"])
    if request.GET.get("year"):
        condition &= Q(year=int(request.GET["year"]))
    initiatives = Initiative.objects.filter(condition)
    rows = list(initiatives.values("id", "name", "kind", "level", "year", "status", "unit_id", "field__code")[:20])
    return JsonResponse({"count": initiatives.count(), "items": rows})


urlpatterns.insert(0, path("bare/initiatives", bare_initiatives))


def bare_cases(request: HttpRequest) -> JsonResponse:
    """The case list written by hand: a unit-path prefix, kind, deadline state, field; .values(), no schema."""
    from django.utils import timezone

    from danvan.cases.clock import clock_for
    from danvan.cases.models import Case

    condition = Q(unit_path__startswith=request.GET.get("path", ""))
    for name in ("kind", "channel", "status"):
        if request.GET.get(name):
            condition &= Q(**{name: request.GET[name]})
    if request.GET.get("deadline"):
        condition &= clock_for(timezone.localdate()).q(request.GET["deadline"])
    if request.GET.get("field"):
        condition &= Q(field_id=int(request.GET["field"]))
    for term in search_terms(request.GET.get("q")):
        condition &= Q(search_text__contains=term)
    order = ("due_on", "id") if request.GET.get("order") == "due" else ("-received_on", "-id")
    cases = Case.objects.filter(condition).order_by(*order)
    rows = list(cases.values("id", "code", "kind", "status", "title", "received_on", "due_on")[:20])
    return JsonResponse({"count": cases.count(), "items": rows})


urlpatterns.insert(0, path("bare/cases", bare_cases))


def bare_disclosure_board(request: HttpRequest) -> JsonResponse:
    """The province compliance board written by hand: one .values().annotate() over the province's disclosures."""
    from django.db.models import Count

    from danvan.democracy.models import Disclosure

    unit = AdministrativeUnit.objects.get(pk=int(request.GET["unit"]))
    flags = ("is_late", "is_too_short", "lacks_portal", "is_taken_down", "lacks_loudspeaker")
    rows = list(
        Disclosure.objects.filter(province_code=unit.province_code, unit_path__startswith=unit.path)
        .values("unit_id")
        .annotate(
            total=Count("pk"),
            ok=Count("pk", filter=Q(status="ok")),
            pending=Count("pk", filter=Q(status="pending")),
            violation=Count("pk", filter=Q(status="violation")),
            **{flag: Count("pk", filter=Q(**{flag: True})) for flag in flags},
        )
        .order_by()
    )
    return JsonResponse({"unit_id": unit.pk, "communes": rows})


urlpatterns.insert(0, path("bare/disclosure-board", bare_disclosure_board))


def bare_ballot(request: HttpRequest) -> JsonResponse:
    """Recording a ballot written by hand: parse JSON, one INSERT, no checks, no audit, no schema."""
    import json
    import secrets

    from django.utils import timezone
    from django.views.decorators.csrf import csrf_exempt

    from danvan.democracy.models import Ballot

    _ = csrf_exempt
    body = json.loads(request.body)
    ballot = Ballot.objects.create(
        decision_id=int(body["decision_id"]),
        household_id=int(body["household_id"]),
        village_id=int(body["village_id"]),
        choice=body["choice"],
        channel="paper",
        cast_on=timezone.localdate(),
        receipt=secrets.token_hex(5).upper(),
    )
    return JsonResponse({"id": ballot.pk, "receipt": ballot.receipt}, status=201)


def _csrf_exempt_ballot() -> object:
    from django.views.decorators.csrf import csrf_exempt

    return csrf_exempt(bare_ballot)


urlpatterns.insert(0, path("bare/ballot", _csrf_exempt_ballot()))  # type: ignore[arg-type]


def bare_recommendation_inbox(request: HttpRequest) -> JsonResponse:
    """A body's inbox written by hand: its open recommendations by due date, 20 of them and the count; no access
    check, no schema."""
    from danvan.democracy.models import Recommendation

    items = Recommendation.objects.filter(addressee_org_id=int(request.GET["organization"]), status="open").order_by(
        "due_on", "id"
    )
    rows = list(items.values("id", "unit_id", "source", "kind", "content", "raised_on", "due_on", "status")[:20])
    return JsonResponse({"count": items.count(), "items": rows})


def bare_recommendation_figures(request: HttpRequest) -> JsonResponse:
    """The recommendations figures of a unit for a year and the year before, by hand (bench SQL); no schema."""
    import datetime as dt

    from bench.democracy_recommendations_bench import TODAY, hand_figures
    from danvan.core.selectors import statistics_paths

    unit = AdministrativeUnit.objects.get(pk=int(request.GET["unit"]))
    year = int(request.GET["year"])
    paths, provinces = statistics_paths(unit)
    now = hand_figures(paths, provinces, dt.date(year, 1, 1), dt.date(year, 12, 31), TODAY)
    before = hand_figures(paths, provinces, dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31), TODAY)
    return JsonResponse({"current": now, "previous": before})


urlpatterns.insert(0, path("bare/recommendation-inbox", bare_recommendation_inbox))
urlpatterns.insert(0, path("bare/recommendation-figures", bare_recommendation_figures))


def bench_national_dashboard(request: HttpRequest) -> JsonResponse:
    """The national dashboard through the app's own functions (the app has no page above the provinces):
    ``bench.reporting_report_bench.national_dashboard``."""
    from bench.reporting_report_bench import national_dashboard

    return JsonResponse(national_dashboard(request.GET["code"], int(request.GET["year"])))


def bare_national_dashboard(request: HttpRequest) -> JsonResponse:
    """The same dashboard (CCHC dossiers received) by hand: one grouped SQL query, no schema."""
    from bench.reporting_report_bench import hand_national_received

    figures = hand_national_received(int(request.GET["year"]))
    return JsonResponse({"children": figures["children"], "trend": figures["trend"]})


urlpatterns.insert(0, path("bench/national-dashboard", bench_national_dashboard))
urlpatterns.insert(0, path("bare/national-dashboard", bare_national_dashboard))
