from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_registry(sender: AppConfig, *, apps: Any = None, using: str = "default", **kwargs: Any) -> None:
    """After ``migrate``: a registry row for every computed indicator code that has none (a source registered
    after the seed migrations), so it shows in the registry, the reports and the dashboard at once. Nothing when
    the registry's table is not there (migrated back to zero) or not on that database."""
    from django.db import router

    from danvan.reporting.indicator_services import sync_indicators

    if not router.allow_migrate(using, "reporting", model_name="indicator"):
        return  # a database the registry is not migrated on (the read replica)
    if apps is not None:
        try:
            apps.get_model("reporting", "Indicator")
        except LookupError:
            return
    sync_indicators(using=using)


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = _("Kế hoạch, chỉ tiêu và báo cáo")

    def ready(self) -> None:
        from danvan.reporting import (  # noqa: F401
            indicator_sources,  # registers every computed indicator
            submission_todo,  # the submissions' to-do entries
        )

        post_migrate.connect(sync_registry, sender=self, dispatch_uid="reporting.sync_indicators")
