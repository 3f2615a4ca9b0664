from django.contrib import admin
from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from django.views.i18n import set_language

from danvan.api import api
from danvan.core.views import healthz

admin.site.site_header = _("danvan – quản trị hệ thống")
admin.site.site_title = "danvan"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    # The admin's own login would skip the two-factor step: send it to ours.
    path("admin/login/", RedirectView.as_view(url=reverse_lazy("accounts:login"), query_string=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("danvan.accounts.urls")),
    path("backoffice/", include("danvan.office.urls")),
    path("backoffice/officers/", include("danvan.accounts.officer_urls")),
    path("backoffice/notifications/", include("danvan.notifications.urls")),
    path("backoffice/jobs/", include("danvan.jobs.urls")),
    path("backoffice/initiatives/", include("danvan.initiatives.urls")),
    path("backoffice/cases/statistics/", include("danvan.cases.statistics_urls")),
    path("backoffice/cases/notices/", include("danvan.cases.notice_urls")),
    path("backoffice/cases/", include("danvan.cases.urls")),
    path("backoffice/reception/", include("danvan.reception.urls")),
    path("backoffice/democracy/", include("danvan.democracy.urls")),
    path("backoffice/reporting/", include("danvan.reporting.urls")),
    path("backoffice/feedback/statistics/", include("danvan.feedback.statistics_urls")),
    path("backoffice/feedback/", include("danvan.feedback.officer_urls")),
    path("backoffice/open311/", include("danvan.open311.officer_urls")),
    path("open311/v2/", include("danvan.open311.urls")),
    path("phan-anh/xep-hang/", include("danvan.feedback.ranking_urls")),
    path("phan-anh/", include("danvan.feedback.public_urls")),
    path("dan-chu/", include("danvan.democracy.public_urls")),
    path("", include("danvan.portal.urls")),
]
