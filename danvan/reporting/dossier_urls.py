from django.urls import path

from danvan.reporting import dossier_views

urlpatterns = [
    path("", dossier_views.dossier_list, name="dossier_list"),
    path("import/", dossier_views.dossier_import, name="dossier_import"),
    path("units/<int:unit_id>/", dossier_views.dossier_indicators, name="dossier_indicators"),
    path("units/<int:unit_id>/figures/", dossier_views.dossier_figures, name="dossier_figures"),
]
