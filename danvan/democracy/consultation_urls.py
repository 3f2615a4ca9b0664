"""Pages of consultations (tham gia ý kiến, Art. 25–28): officers' pages (``urlpatterns``, namespace ``democracy``)
and public pages (``public_urlpatterns``, namespace ``democracy_public``)."""

from django.urls import URLPattern, path

from danvan.democracy import consultation_views as views

urlpatterns: list[URLPattern] = [
    path("consultations/", views.consultation_list_view, name="consultation_list"),
    path("consultations/new/", views.consultation_create_view, name="consultation_create"),
    path("consultations/<int:consultation_id>/", views.consultation_detail_view, name="consultation_detail"),
    path("consultations/<int:consultation_id>/edit/", views.consultation_edit_view, name="consultation_edit"),
    path("consultations/<int:consultation_id>/publish/", views.consultation_publish_view, name="consultation_publish"),
    path("consultations/<int:consultation_id>/opinions/", views.opinion_record_view, name="consultation_opinion"),
    path("consultations/<int:consultation_id>/decision/", views.consultation_decide_view, name="consultation_decide"),
    path("consultations/<int:consultation_id>/draft/", views.consultation_draft_view, name="consultation_draft"),
]
public_urlpatterns: list[URLPattern] = [
    path("lay-y-kien/", views.public_consultation_list, name="consultation_list"),
    path("lay-y-kien/<int:consultation_id>/", views.public_consultation_detail, name="consultation_detail"),
    path("lay-y-kien/<int:consultation_id>/du-thao/", views.public_consultation_draft, name="consultation_draft"),
]
