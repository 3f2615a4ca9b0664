"""Placeholder replaced by the calendar work (deadline calculator page)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def calendar_tool(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/base.html", {})
