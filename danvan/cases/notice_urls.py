"""Notices of a case to citizens and bodies (mounted at ``backoffice/cases/notices/``)."""

from django.urls import path

from danvan.cases import notice_views

app_name = "case_notices"
urlpatterns = [
    path("<int:pk>/<slug:kind>.docx", notice_views.notice_download, name="download"),
]
