"""The statistics page of grassroots democracy (and its XLSX)."""

from django.urls import URLPattern, path

from danvan.democracy import statistics_views

urlpatterns: list[URLPattern] = [
    path("statistics/", statistics_views.statistics_page, name="statistics"),
    path("statistics/xlsx/", statistics_views.statistics_download, name="statistics_xlsx"),
    path("statistics/ranking/", statistics_views.ranking_page, name="statistics_ranking"),
    path("statistics/ranking/xlsx/", statistics_views.ranking_download, name="statistics_ranking_xlsx"),
]
