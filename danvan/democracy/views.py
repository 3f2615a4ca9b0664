"""The entry page of grassroots democracy: each part of the app shows its links and its figures in a card."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.democracy import access
from danvan.office.access import default_statistics_unit

PARTS = (
    "households",
    "disclosures",
    "decisions",
    "consultations",
    "meetings",
    "recommendations",
    "boards",
    "supervisions",
    "contacts",
    "statistics",
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """One card per part (``democracy/_home_<part>.html``), for the officer's first unit."""
    return render(
        request,
        "democracy/home.html",
        {
            "unit": default_statistics_unit(request.user),
            "can_open_inbox": access.can_open_inbox(request.user),
            "parts": [f"democracy/_home_{part}.html" for part in PARTS],
        },
    )
