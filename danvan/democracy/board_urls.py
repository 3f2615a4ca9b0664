"""Pages of People's Inspection Boards and Community Investment Supervision Boards (Luật 10/2022/QH15 Art. 36–45; NĐ 59/2023 Art. 12–19).

``urlpatterns`` are officers' pages (namespace ``democracy``); ``public_urlpatterns`` citizens' pages (namespace
``democracy_public``)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

public_urlpatterns: list[URLPattern] = []
