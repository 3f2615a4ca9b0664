"""Pages of Fatherland Front supervision programmes and social-criticism sessions (Luật MTTQ; Luật 97/2025).

``urlpatterns`` are officers' pages (namespace ``democracy``); ``public_urlpatterns`` citizens' pages (namespace
``democracy_public``)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

public_urlpatterns: list[URLPattern] = []
