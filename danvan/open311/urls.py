from django.urls import path, register_converter

from danvan.open311 import views


class FormatConverter:
    """``json`` or ``xml``: the response format of every GeoReport v2 address."""

    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "open311_format")

app_name = "open311"
urlpatterns = [
    path("discovery.<open311_format:response_format>", views.discovery, name="discovery"),
    path("services.<open311_format:response_format>", views.service_list, name="services"),
    path(
        "services/<str:service_code>.<open311_format:response_format>",
        views.service_definition,
        name="service_definition",
    ),
    path("requests.<open311_format:response_format>", views.requests, name="requests"),
    path(
        "requests/<str:service_request_id>.<open311_format:response_format>",
        views.request_detail,
        name="request",
    ),
    path("tokens/<str:open311_token>.<open311_format:response_format>", views.token, name="token"),
    path("media/<str:service_request_id>/<int:open311_photo_id>", views.media, name="media"),
]
