"""Officers' pages of grassroots democracy under /backoffice/democracy/ (namespace ``democracy``)."""

from django.urls import path

from danvan.democracy import (
    board_urls,
    consultation_urls,
    contact_urls,
    decision_urls,
    disclosure_urls,
    household_urls,
    meeting_urls,
    recommendation_urls,
    statistics_urls,
    supervision_urls,
    views,
)

app_name = "democracy"
urlpatterns = [
    path("", views.home, name="home"),
    *statistics_urls.urlpatterns,
    *household_urls.urlpatterns,
    *disclosure_urls.urlpatterns,
    *decision_urls.urlpatterns,
    *consultation_urls.urlpatterns,
    *meeting_urls.urlpatterns,
    *recommendation_urls.urlpatterns,
    *board_urls.urlpatterns,
    *supervision_urls.urlpatterns,
    *contact_urls.urlpatterns,
]
