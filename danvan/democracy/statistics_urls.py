"""The statistics page of grassroots democracy (and its XLSX)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
