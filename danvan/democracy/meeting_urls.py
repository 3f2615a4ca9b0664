"""Pages of year-end community meetings and dialogues (Art. 32–33): officers' pages (``urlpatterns``, namespace
``democracy``); nothing public (``public_urlpatterns``: the minutes are not published here)."""

from django.urls import URLPattern, path

from danvan.democracy import meeting_views as views

urlpatterns: list[URLPattern] = [
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/compliance/", views.meeting_compliance_page, name="meeting_compliance"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/minutes.docx", views.meeting_minutes_docx, name="meeting_minutes_docx"),
    path("meetings/<int:meeting_id>/record/", views.meeting_record, name="meeting_record"),
    path("meetings/<int:meeting_id>/send/", views.meeting_send, name="meeting_send"),
    path("meetings/<int:meeting_id>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:meeting_id>/items/", views.meeting_item_create, name="meeting_item_create"),
    path("raised-items/", views.raised_item_list, name="raised_items"),
    path("raised-items/<int:item_id>/answer/", views.raised_item_answer, name="raised_item_answer"),
]
public_urlpatterns: list[URLPattern] = []
