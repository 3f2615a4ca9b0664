from django.urls import path

from danvan.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_create, name="new"),
    path("duplicates/", views.duplicates_panel, name="duplicates"),
    path("units/", views.unit_options, name="unit_options"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.case_act, name="act"),
    path("<int:pk>/assign/", views.case_assign, name="assign"),
    path("<int:pk>/second-complaint/", views.second_complaint, name="second_complaint"),
    path("<int:pk>/attachments/", views.case_attach, name="attach"),
    path("<int:pk>/duplicates/<int:other_id>/link/", views.duplicate_link, name="duplicate_link"),
    path("<int:pk>/duplicates/<int:other_id>/dismiss/", views.duplicate_dismiss, name="duplicate_dismiss"),
    path("<int:pk>/denouncer/", views.denouncer, name="denouncer"),
    path("<int:pk>/denouncer/scans/", views.denouncer_scan_add, name="denouncer_scan_add"),
    path("<int:pk>/denouncer/scans/<int:scan_id>/", views.denouncer_scan, name="denouncer_scan"),
]
