"""The citizen's pages under /phan-anh/ (namespace ``feedback_public``); fixed paths before the tracking code."""

from django.urls import path

from danvan.feedback import public_views as views

app_name = "feedback_public"
urlpatterns = [
    path("", views.report_new, name="new"),
    path("danh-sach/", views.report_list, name="list"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("xa-phuong/", views.commune_search, name="commune_search"),
    path("gan-day/", views.nearby, name="nearby"),
    path("da-gui/<str:code>/", views.report_sent, name="sent"),
    path("<str:code>/", views.report_detail, name="detail"),
    path("<str:code>/anh/<int:photo_id>/", views.report_photo, name="photo"),
    path("<str:code>/theo-doi/", views.report_follow, name="follow"),
    path("<str:code>/k/<str:secret>/", views.citizen_page, name="citizen"),
]
