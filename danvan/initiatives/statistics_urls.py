from django.urls import path

from danvan.initiatives import statistics_views

urlpatterns = [
    path("statistics/", statistics_views.initiative_statistics_page, name="initiative_statistics"),
]
