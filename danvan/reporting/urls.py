"""Back-office pages of plans, indicators and reports, under /backoffice/reporting/ (one module per part)."""

from django.urls import include, path

app_name = "reporting"
urlpatterns = [
    path("", include("danvan.reporting.indicator_urls")),
    path("plans/", include("danvan.reporting.plan_urls")),
    path("dossiers/", include("danvan.reporting.dossier_urls")),
    path("submissions/", include("danvan.reporting.submission_urls")),
]
