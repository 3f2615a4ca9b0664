"""Pages of disclosures (dân biết, Art. 11–14): officers' pages (``urlpatterns``, namespace ``democracy``) and public pages
(``public_urlpatterns``, namespace ``democracy_public``)."""

from django.urls import URLPattern, path

from danvan.democracy import disclosure_views as views

urlpatterns: list[URLPattern] = [
    path("cong-khai/", views.disclosure_list, name="disclosure_list"),
    path("cong-khai/them/", views.disclosure_create, name="disclosure_create"),
    path("cong-khai/tuan-thu/<int:unit_id>/", views.disclosure_board, name="disclosure_board"),
    path("cong-khai/tuan-thu/<int:unit_id>/cong-thong-tin/", views.disclosure_portal, name="disclosure_portal"),
    path("cong-khai/danh-sach-quy/<int:unit_id>/", views.disclosure_quarterly, name="disclosure_quarterly"),
    path(
        "cong-khai/danh-sach-quy/<int:unit_id>/docx/", views.disclosure_quarterly_docx, name="disclosure_quarterly_docx"
    ),
    path("cong-khai/ke-hoach/<int:unit_id>/docx/", views.disclosure_plan_docx, name="disclosure_plan_docx"),
    path("cong-khai/bao-cao-hdnd/<int:unit_id>/docx/", views.disclosure_report_docx, name="disclosure_report_docx"),
    path("cong-khai/<int:disclosure_id>/", views.disclosure_detail, name="disclosure_detail"),
    path("cong-khai/<int:disclosure_id>/sua/", views.disclosure_edit, name="disclosure_edit"),
    path("cong-khai/<int:disclosure_id>/hinh-thuc/", views.disclosure_channel_add, name="disclosure_channel_add"),
    path(
        "cong-khai/<int:disclosure_id>/hinh-thuc/<int:channel_id>/ket-thuc/",
        views.disclosure_channel_end,
        name="disclosure_channel_end",
    ),
    path("cong-khai/<int:disclosure_id>/cong-bo/", views.disclosure_publish, name="disclosure_publish"),
    path("cong-khai/<int:disclosure_id>/tai-lieu/", views.disclosure_document, name="disclosure_document"),
]
public_urlpatterns: list[URLPattern] = [
    path("xa/<int:unit_id>/cong-khai/", views.public_disclosure_list, name="disclosure_list"),
    path(
        "xa/<int:unit_id>/cong-khai/quy/<int:year>/<int:quarter>/", views.public_quarterly, name="disclosure_quarterly"
    ),
    path("cong-khai/<int:disclosure_id>/", views.public_disclosure_detail, name="disclosure_detail"),
    path("cong-khai/<int:disclosure_id>/tai-lieu/", views.public_disclosure_document, name="disclosure_document"),
]
