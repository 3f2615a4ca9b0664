"""The statistics page of grassroots democracy (and its XLSX)."""

from django.urls import URLPattern, path

from danvan.democracy import statistics_views

urlpatterns: list[URLPattern] = [
    path("statistics/", statistics_views.statistics_page, name="statistics"),
    path("statistics/xlsx/", statistics_views.statistics_download, name="statistics_xlsx"),
]
