"""A page about one unit opened by an officer with no unit to default to offers a choice of units instead of 404."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.office.access import UnitNotChosen, units_to_choose


class UnitChoiceMiddleware:
    """A system administrator has no membership, so the statistics and compliance pages (which open on the
    officer's first unit) have nothing to show until a unit is chosen: the page is answered with the provinces, each
    a link to the same address with ``unit=`` added. Any other 404 stays a 404; the API answers its own 404."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, UnitNotChosen) or request.method != "GET":
            return None
        units = units_to_choose(request.user)
        if not units:
            return None
        query = request.GET.copy()
        choices = []
        for unit in units:
            query["unit"] = str(unit.pk)
            choices.append((unit, f"{request.path}?{query.urlencode()}"))
        return render(request, "office/choose_unit.html", {"choices": choices})
