from django.urls import path

from danvan.accounts import officer_views

app_name = "officers"
urlpatterns = [
    path("", officer_views.officer_list, name="list"),
    path("new/", officer_views.officer_create_view, name="create"),
    path("organizations/", officer_views.organization_picker, name="organization_picker"),
    path("<int:officer_id>/", officer_views.officer_detail, name="detail"),
    path("<int:officer_id>/active/", officer_views.officer_toggle_active, name="toggle_active"),
    path("<int:officer_id>/memberships/", officer_views.membership_add, name="membership_add"),
    path("memberships/<int:membership_id>/revoke/", officer_views.membership_revoke_view, name="membership_revoke"),
]
