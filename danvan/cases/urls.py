"""Placeholder: filled in by the issue-4 work on this module."""

from django.urls import URLPattern

app_name = "cases"
urlpatterns: list[URLPattern] = []
