from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "danvan.jobs"
    label = "jobs"
    verbose_name = _("Công việc chạy nền")

    def ready(self) -> None:
        from danvan.jobs import audit_text, schedule  # noqa: F401  (audit_text: the words of its audit entries)

        schedule.register_platform()
        autodiscover_modules("jobs")  # each app's jobs.py registers the kinds of job (and periodic tasks) it runs
