"""Pages of Fatherland Front supervision programmes and social-criticism sessions (Luật MTTQ; Luật 97/2025).

``urlpatterns`` are officers' pages (namespace ``democracy``); ``public_urlpatterns`` citizens' pages (namespace
``democracy_public``: none — the Front publishes its findings itself; the recommendations appear on the tracker's
pages)."""

from __future__ import annotations

from django.urls import URLPattern, path

from danvan.democracy import supervision_views as views

urlpatterns: list[URLPattern] = [
    path("supervisions/", views.supervision_list, name="supervisions"),
    path("supervisions/export.xlsx", views.supervision_export, name="supervision_export"),
    path("supervisions/programmes/new/", views.programme_create, name="supervision_programme_create"),
    path("supervisions/programmes/<int:programme_id>/", views.programme_detail, name="supervision_programme"),
    path("supervisions/programmes/<int:programme_id>/edit/", views.programme_edit, name="supervision_programme_edit"),
    path("supervisions/programmes/<int:programme_id>/new/", views.supervision_create, name="supervision_create"),
    path("supervisions/<int:supervision_id>/", views.supervision_detail, name="supervision_detail"),
    path("supervisions/<int:supervision_id>/edit/", views.supervision_edit, name="supervision_edit"),
    path("supervisions/<int:supervision_id>/record/", views.supervision_record, name="supervision_record"),
    path("supervisions/<int:supervision_id>/cancel/", views.supervision_cancel, name="supervision_cancel"),
    path(
        "supervisions/<int:supervision_id>/recommendations/",
        views.supervision_recommendation_create,
        name="supervision_recommendation_create",
    ),
    path("supervisions/<int:supervision_id>/plan.docx", views.supervision_plan_docx, name="supervision_plan_docx"),
    path(
        "supervisions/<int:supervision_id>/report.docx", views.supervision_report_docx, name="supervision_report_docx"
    ),
]

public_urlpatterns: list[URLPattern] = []
