"""The back-office statistics of the feedback channel, under /backoffice/feedback/statistics/."""

from django.urls import URLPattern, path

from danvan.feedback import statistics_views

app_name = "feedback_statistics"
urlpatterns: list[URLPattern] = [
    path("", statistics_views.statistics_page, name="statistics"),
    path("xlsx/", statistics_views.statistics_download, name="statistics_xlsx"),
]
