"""Pages of periodic reports under /backoffice/reporting/submissions/ (namespace ``reporting``)."""

from django.urls import URLPattern, path

from danvan.reporting import submission_views as views

urlpatterns: list[URLPattern] = [
    path("", views.submission_home, name="submission_home"),
    path("mau/<int:template_id>/", views.submission_template, name="submission_template"),
    path(
        "mau/<int:template_id>/bao-cao.docx",
        views.submission_template_document,
        {"fmt": "docx"},
        name="submission_template_docx",
    ),
    path(
        "mau/<int:template_id>/phu-luc.xlsx",
        views.submission_template_document,
        {"fmt": "xlsx"},
        name="submission_template_xlsx",
    ),
    path(
        "mau/<int:template_id>/pdf/", views.submission_template_document, {"fmt": "pdf"}, name="submission_template_pdf"
    ),
    path("<int:submission_id>/", views.submission_detail, name="submission_detail"),
    path("<int:submission_id>/luu/", views.submission_save, name="submission_save"),
    path("<int:submission_id>/tra-lai/", views.submission_review, {"action": "return"}, name="submission_return"),
    path("<int:submission_id>/duyet/", views.submission_review, {"action": "approve"}, name="submission_approve"),
    path("<int:submission_id>/khoa/", views.submission_review, {"action": "lock"}, name="submission_lock"),
    path("<int:submission_id>/bao-cao.docx", views.submission_document, {"fmt": "docx"}, name="submission_docx"),
    path("<int:submission_id>/phu-luc.xlsx", views.submission_document, {"fmt": "xlsx"}, name="submission_xlsx"),
    path("<int:submission_id>/pdf/", views.submission_document, {"fmt": "pdf"}, name="submission_pdf"),
    path("xep-hang/", views.submission_rankings, name="submission_rankings"),
    path("xep-hang/<int:scheme_id>/", views.submission_ranking, name="submission_ranking"),
]
