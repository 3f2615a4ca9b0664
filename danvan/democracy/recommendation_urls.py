"""Pages of the recommendation tracker (docs/decisions/0023, docs/democracy/recommendations.md).

``urlpatterns`` are officers' pages (namespace ``democracy``); ``public_urlpatterns`` citizens' pages (namespace
``democracy_public``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from danvan.democracy import recommendation_views as views

urlpatterns: list[URLPattern] = [
    path("recommendations/inbox/", views.recommendation_inbox, name="recommendation_inbox"),
    path("recommendations/inbox.xlsx", views.recommendation_inbox_xlsx, name="recommendation_inbox_xlsx"),
    path("recommendations/inbox/answer/", views.recommendation_bulk_answer, name="recommendation_bulk_answer"),
    path("recommendations/waiting/", views.recommendation_waiting, name="recommendation_waiting"),
    path("recommendations/waiting.xlsx", views.recommendation_waiting_xlsx, name="recommendation_waiting_xlsx"),
    path("recommendations/<int:item_id>/", views.recommendation_detail, name="recommendation_detail"),
    path("recommendations/<int:item_id>/answer/", views.recommendation_answer, name="recommendation_answer"),
    path("recommendations/<int:item_id>/transfer/", views.recommendation_transfer, name="recommendation_transfer"),
    path("recommendations/<int:item_id>/assess/", views.recommendation_assess, name="recommendation_assess"),
    path("recommendations/<int:item_id>/duplicate/", views.recommendation_duplicate, name="recommendation_duplicate"),
    path("recommendations/<int:item_id>/public/", views.recommendation_hidden, name="recommendation_hidden"),
    path("recommendations/<int:item_id>/document/", views.recommendation_document, name="recommendation_document"),
]

public_urlpatterns: list[URLPattern] = [
    path("xa/<int:unit_id>/kien-nghi/", views.public_recommendation_list, name="recommendation_list"),
    path("xa/<int:unit_id>/kien-nghi/<int:item_id>/", views.public_recommendation_detail, name="recommendation_detail"),
]
