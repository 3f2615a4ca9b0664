from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = _("Kế hoạch, chỉ tiêu và báo cáo")

    def ready(self) -> None:
        from danvan.reporting import (  # noqa: F401
            indicator_sources,  # registers every computed indicator
            submission_todo,  # the submissions' to-do entries
        )
