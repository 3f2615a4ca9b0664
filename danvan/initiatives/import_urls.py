"""Import and export pages; included inside the ``initiatives`` namespace at /backoffice/initiatives/."""

from __future__ import annotations

from django.urls import path

from danvan.initiatives import import_views

urlpatterns = [
    path("import/", import_views.initiative_import, name="initiative_import"),
    path("import/template.xlsx", import_views.initiative_import_template, name="initiative_import_template"),
    path("export.xlsx", import_views.initiative_export, name="initiative_export"),
]
