from django.urls import path

from danvan.open311 import officer_views

app_name = "open311_keys"
urlpatterns = [
    path("keys/", officer_views.keys, name="keys"),
    path("keys/<int:open311_key_id>/revoke/", officer_views.key_revoke, name="key_revoke"),
]
