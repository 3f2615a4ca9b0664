from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from danvan.api import api
from danvan.core.views import healthz

admin.site.site_header = "danvan – quản trị hệ thống"
admin.site.site_title = "danvan"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("accounts/", include("danvan.accounts.urls")),
    path("backoffice/", include("danvan.core.urls")),
    path("backoffice/officers/", include("danvan.accounts.officer_urls")),
    path("", include("danvan.portal.urls")),
]
