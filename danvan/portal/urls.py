from django.urls import path

from danvan.portal import showcase_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("don-vi/", views.unit_search, name="unit_search"),
    path("don-vi/<int:unit_id>/", views.unit_page, name="unit_page"),
    path("mo-hinh/", showcase_views.showcase_list, name="showcase"),
    path("mo-hinh/<int:initiative_id>/", showcase_views.showcase_detail, name="showcase_detail"),
    path("mo-hinh/<int:initiative_id>/anh/<int:attachment_id>/", showcase_views.showcase_photo, name="showcase_photo"),
]
