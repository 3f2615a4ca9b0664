"""Document downloads of the registry; included by the project in the ``initiatives`` namespace."""

from django.urls import path

from danvan.initiatives import document_views

urlpatterns = [
    path("decisions/<int:decision_id>/docx/", document_views.decision_docx, name="decision_docx"),
    path("commendations/docx/", document_views.commendations_docx, name="commendations_docx"),
    path("document-templates/", document_views.document_templates, name="document_templates"),
]
