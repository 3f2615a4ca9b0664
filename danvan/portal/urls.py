from django.urls import path

from danvan.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/", views.unit_search, name="unit_search"),
    path("don-vi/<int:unit_id>/", views.unit_page, name="unit_page"),
]
