"""Pages of periodic reports under /backoffice/reporting/submissions/ (namespace ``reporting``)."""

from django.urls import URLPattern, path

from danvan.reporting import submission_views as views

urlpatterns: list[URLPattern] = [
    path("", views.submission_home, name="submission_home"),
    path("mau/<int:template_id>/", views.submission_template, name="submission_template"),
    path(
        "mau/<int:template_id>/tai/<str:fmt>/",
        views.submission_template_document,
        name="submission_template_document",
    ),
    path("<int:submission_id>/", views.submission_detail, name="submission_detail"),
    path("<int:submission_id>/luu/", views.submission_save, name="submission_save"),
    path("<int:submission_id>/tham-dinh/<str:action>/", views.submission_review, name="submission_review"),
    path("<int:submission_id>/tai/<str:fmt>/", views.submission_document, name="submission_document"),
    path("xep-hang/", views.submission_rankings, name="submission_rankings"),
    path("xep-hang/<int:scheme_id>/", views.submission_ranking, name="submission_ranking"),
]
