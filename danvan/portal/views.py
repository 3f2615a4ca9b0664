"""The public portal: home page, unit search and unit pages (no login needed)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.core import access, selectors
from danvan.core.models import AdministrativeUnit, UnitLevel, UnitTree
from danvan.core.pagination import ListPaginator
from danvan.core.text import vi_sorted_units


def home(request: HttpRequest) -> HttpResponse:
    counts = {
        "provinces": AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.PROVINCE).count(),
        "communes": AdministrativeUnit.objects.filter(tree=UnitTree.CURRENT, level=UnitLevel.COMMUNE).count(),
    }
    return render(request, "portal/home.html", {"counts": counts})


def unit_search(request: HttpRequest) -> HttpResponse:
    q = (request.GET.get("q") or "")[:100]
    tree = request.GET.get("tree") if request.GET.get("tree") in UnitTree.values else None
    units = selectors.units_search(q=q, tree=tree) if q.strip() else AdministrativeUnit.objects.none()
    page = ListPaginator(units, 30).get_page(request.GET.get("page"))
    return render(request, "portal/unit_search.html", {"q": q, "page": page, "query": f"q={q}"})


def unit_page(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = access.access_unit(unit_id)
    context = {**selectors.unit_overview(unit), "children": vi_sorted_units(selectors.unit_children(unit))[:500]}
    return render(request, "portal/unit_page.html", context)
