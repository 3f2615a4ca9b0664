from django.urls import path

from danvan.reporting import indicator_views as views

urlpatterns = [
    path("", views.indicator_report, name="indicator_report"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/<str:indicator_code>/edit/", views.indicator_edit, name="indicator_edit"),
    path("dashboard/", views.indicator_dashboard, name="indicator_dashboard"),
    path("records/", views.indicator_records, name="indicator_records"),
    path("figures/enter/", views.indicator_enter, name="indicator_enter"),
]
