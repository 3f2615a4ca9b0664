"""Back-office pages of citizen reception, under /backoffice/reception/."""

from django.urls import path

from danvan.reception import views

app_name = "reception"
urlpatterns = [
    path("", views.reception_index, name="index"),
    path("schedule/", views.schedule, name="schedule"),
    path("schedule/<int:session_id>/status/", views.session_status, name="session_status"),
    path("compliance/", views.compliance_page, name="compliance"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:visit_id>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:visit_id>/track/", views.visit_track, name="visit_track"),
    path("logbook/", views.logbook_page, name="logbook"),
    path("logbook.xlsx", views.logbook_xlsx, name="logbook_xlsx"),
]
