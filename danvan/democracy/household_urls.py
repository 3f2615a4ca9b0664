"""Pages of the household register: officers' pages (``urlpatterns``, namespace ``democracy``) and public pages
(``public_urlpatterns``, namespace ``democracy_public``: none — the register holds personal data)."""

from django.urls import URLPattern, path

from danvan.democracy import household_views as views

urlpatterns: list[URLPattern] = [
    path("households/", views.household_units, name="household_units"),
    path("households/import-template/", views.household_import_template, name="household_import_template"),
    path("households/village/<int:village_id>/", views.household_village, name="household_village"),
    path("households/village/<int:village_id>/add/", views.household_create, name="household_create"),
    path("households/commune/<int:commune_id>/import/", views.household_import, name="household_import"),
    path("households/<int:household_id>/", views.household_detail, name="household_detail"),
    path("households/<int:household_id>/edit/", views.household_edit, name="household_edit"),
    path("households/<int:household_id>/move/", views.household_move_view, name="household_move"),
    path("households/<int:household_id>/leave/", views.household_leave_view, name="household_leave"),
]
public_urlpatterns: list[URLPattern] = []
