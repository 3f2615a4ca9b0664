"""The public ranking of units by their answers to citizens' reports, at /phan-anh/xep-hang/."""

from django.urls import URLPattern, path

from danvan.feedback import ranking_views

app_name = "feedback_ranking"
urlpatterns: list[URLPattern] = [
    path("", ranking_views.ranking_page, name="ranking"),
]
