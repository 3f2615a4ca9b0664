from django.urls import path  # noqa: F401

app_name = "open311_keys"
urlpatterns: list = []
