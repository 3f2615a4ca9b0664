"""The statistics page of reception and petitions and its XLSX (mounted at ``backoffice/cases/statistics/``)."""

from django.urls import path

from danvan.cases import statistics_views

app_name = "case_statistics"
urlpatterns = [
    path("", statistics_views.statistics_page, name="index"),
    path("xlsx/", statistics_views.statistics_xlsx_download, name="xlsx"),
]
