"""Pages of Dialogues of heads of bodies with their staff, and HĐND deputies' voter contacts.

``urlpatterns`` are officers' pages (namespace ``democracy``); ``public_urlpatterns`` citizens' pages (namespace
``democracy_public``)."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

public_urlpatterns: list[URLPattern] = []
