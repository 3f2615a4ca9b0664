from django.urls import path

from danvan.office import calendar_views, views

app_name = "office"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/picker/", views.unit_picker, name="unit_picker"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("units/<int:unit_id>/villages/new/", views.village_create, name="village_create"),
    path("units/<int:unit_id>/organizations/new/", views.organization_create, name="organization_create"),
    path("units/<int:unit_id>/households/", views.village_households, name="village_households"),
    path("audit/", views.audit_list, name="audit"),
    path("calendar/", calendar_views.calendar_tool, name="calendar"),
]
